// The operator's side of the NATS JetStream transport (the runner's side and the shared names, streams and data
// store are in @budflow/runner).
export * from './contracts.js';
export * from './jetstream-step-dispatcher.js';
export * from './jetstream-result-source.js';
export * from './jetstream-execution-log.js';
export * from './dead-letter-router.js';
