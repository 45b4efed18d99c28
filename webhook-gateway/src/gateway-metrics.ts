import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The gateway's Prometheus metrics, named budflow_webhook_* with units; `webhook` is `namespace/workflow/node`. */
export class GatewayMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'webhook' | 'method' | 'status'>;
  readonly duration: Histogram<'webhook' | 'response_mode'>;
  readonly authFailures: Counter<'webhook' | 'reason'>;
  readonly rateLimited: Counter<'webhook' | 'scope'>;
  readonly shed: Counter<'reason'>;
  readonly duplicates: Counter<'webhook'>;
  readonly responseTimeouts: Counter<'webhook'>;
  readonly routes: Gauge<'kind'>;
  readonly routeProblems: Gauge;

  constructor(options: { registry?: Registry; defaultMetrics?: boolean } = {}) {
    const registry = (this.registry = options.registry ?? new Registry());
    const registers = [registry];
    this.requests = new Counter({
      name: 'budflow_webhook_requests_total',
      help: 'Webhook calls answered, by webhook (namespace/workflow/node, "none" when no route matched), method and status',
      labelNames: ['webhook', 'method', 'status'],
      registers,
    });
    this.duration = new Histogram({
      name: 'budflow_webhook_request_duration_seconds',
      help: 'Time from request to response of webhook calls, by webhook and response mode',
      labelNames: ['webhook', 'response_mode'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.authFailures = new Counter({
      name: 'budflow_webhook_auth_failures_total',
      help: 'Webhook calls refused by authentication or signature checks, by webhook and reason',
      labelNames: ['webhook', 'reason'],
      registers,
    });
    this.rateLimited = new Counter({
      name: 'budflow_webhook_rate_limited_total',
      help: 'Webhook calls refused with 429, by webhook and limit scope (webhook, client)',
      labelNames: ['webhook', 'scope'],
      registers,
    });
    this.shed = new Counter({
      name: 'budflow_webhook_shed_total',
      help: 'Webhook calls refused with 503 to protect the process or because the intake is down, by reason',
      labelNames: ['reason'],
      registers,
    });
    this.duplicates = new Counter({
      name: 'budflow_webhook_duplicate_deliveries_total',
      help: 'Webhook calls whose idempotency key was seen before (no second execution started)',
      labelNames: ['webhook'],
      registers,
    });
    this.responseTimeouts = new Counter({
      name: 'budflow_webhook_response_timeouts_total',
      help: 'Waiting webhook calls answered 202 because the execution did not answer in time',
      labelNames: ['webhook'],
      registers,
    });
    this.routes = new Gauge({
      name: 'budflow_webhook_routes',
      help: 'Webhook routes served, by URL family (production, test)',
      labelNames: ['kind'],
      registers,
    });
    this.routeProblems = new Gauge({
      name: 'budflow_webhook_route_problems',
      help: 'Webhook nodes not served (invalid settings, path conflicts)',
      registers,
    });
    if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'budflow_gateway_' });
  }
}
