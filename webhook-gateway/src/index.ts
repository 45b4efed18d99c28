// @budflow/webhook-gateway: the fastify app that turns HTTP calls into executions (buildApp), its ports and
// local adapters (`budflow serve`), and the cluster adapters (NATS JetStream intake, Redis).
export * from './errors.js';
export * from './ports.js';
export * from './config.js';
export * from './gateway-deps.js';
export * from './gateway-metrics.js';
export * from './build-app.js';
export * from './routes/path-pattern.js';
export * from './routes/webhook-settings.js';
export * from './routes/route-table.js';
export * from './routes/build-route-table.js';
export * from './intake/delivery-id.js';
export * from './local/local-execution-host.js';
export * from './local/load-directory.js';
export * from './local/memory-replay-guard.js';
export * from './local/memory-secret-source.js';
export * from './local/serve-directory.js';
export * from './nats/trigger-wire.js';
export * from './nats/jetstream-trigger-sink.js';
export * from './nats/nats-response-waiter.js';
export * from './redis/redis-replay-guard.js';
export * from './redis/redis-route-snapshots.js';
export * from './cluster/index.js';
