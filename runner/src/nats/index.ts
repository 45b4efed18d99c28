// The NATS JetStream transport between the operator and runner pools: names, streams, the object-store data
// store and the runner's side of the step work queue. The operator's side is in operator/src/nats/.
export * from './nats-names.js';
export * from './ensure-streams.js';
export * from './ensure-consumer.js';
export * from './jetstream-data-store.js';
export * from './step-result-wire.js';
export * from './pull-workers.js';
export * from './serve-nats-steps.js';
export * from './webhook-wire.js';
