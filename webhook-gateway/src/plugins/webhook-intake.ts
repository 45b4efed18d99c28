import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock, DataStore } from '@budflow/runtime';
import type { GatewayConfig } from '../config.js';
import { GatewayError } from '../errors.js';
import type { GatewayMetrics } from '../gateway-metrics.js';
import { deliveryOf, idempotencyKeyOf } from '../intake/delivery-id.js';
import type {
  FinishedOutcome,
  PendingOutcome,
  ResponseWaiter,
  TriggerSink,
  WebhookOutcome,
  WebhookTrigger,
} from '../ports.js';
import { parseBody } from '../request/parse-body.js';
import type { ParsedBody } from '../request/parse-body.js';
import { readMultipart } from '../request/read-multipart.js';
import { moveLargeBinaries, webhookItem } from '../request/webhook-item.js';
import type { HttpAnswer } from '../respond/http-answer.js';
import {
  lastNodeAnswer,
  noRespondNodeAnswer,
  onReceivedAnswer,
  respondNodeAnswer,
  stillRunningAnswer,
} from '../respond/render-answer.js';
import { URL_PREFIX } from '../routes/build-route-table.js';
import type { WebhookRoute } from '../routes/route-table.js';
import { HTTP_METHODS } from '../routes/webhook-settings.js';
import { kindOf } from './route-resolution.js';

export interface WebhookIntakeDeps {
  config: GatewayConfig;
  sink: TriggerSink;
  responses: ResponseWaiter;
  store: DataStore;
  metrics: GatewayMetrics;
  clock: Clock;
  newId: () => string;
}

/**
 * The webhook routes: turns a call into the trigger item, hands it to the intake (idempotently), and answers
 * as the webhook's response mode says. Routing, limits and auth ran in the hooks before.
 */
export async function webhookIntake(app: FastifyInstance, deps: WebhookIntakeDeps): Promise<void> {
  const handler = (request: FastifyRequest, reply: FastifyReply) => handle(request, reply, deps);
  for (const url of ['/webhook/*', '/webhook-test/*']) app.route({ method: [...HTTP_METHODS], url, handler });
}

async function handle(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: WebhookIntakeDeps,
): Promise<FastifyReply> {
  const { route, params, jwtPayload } = request.webhook!;
  const { settings } = route;
  const parsed: ParsedBody = request.isMultipart()
    ? await readMultipart(request, {
        bodyLimitBytes: deps.config.bodyLimitBytes,
        ...(settings.binaryPropertyName ? { binaryPropertyName: settings.binaryPropertyName } : {}),
      })
    : parseBody(
        request.headers['content-type'],
        Buffer.isBuffer(request.body) ? request.body : undefined,
        request.headers['content-disposition'],
        settings,
      );
  const delivery = deliveryOf(route, idempotencyKeyOf(route, request.headers, parsed.body), deps.newId);
  const item = webhookItem(
    {
      headers: request.headers,
      params,
      query: request.query,
      body: parsed.body,
      webhookUrl: webhookUrlOf(request, route, deps.config.publicUrl),
      mode: route.kind,
      ...(jwtPayload ? { jwtPayload } : {}),
    },
    parsed.files,
  );
  const binaryRefs = await moveLargeBinaries(
    item,
    delivery.executionId,
    deps.store,
    deps.config.binaryInlineLimitBytes,
  );
  const trigger: WebhookTrigger = {
    deliveryId: delivery.deliveryId,
    executionId: delivery.executionId,
    keyed: delivery.keyed,
    namespace: route.namespace,
    workflow: route.workflow,
    node: route.node,
    mode: kindOf(request),
    items: [item],
    binaryRefs,
    responseMode: settings.responseMode,
    receivedAt: deps.clock.now(),
  };
  // Wait first, submit second: an execution that ends at once still finds its caller.
  const pending =
    settings.responseMode === 'onReceived'
      ? undefined
      : deps.responses.expect(trigger.executionId, settings.responseMode);
  let accepted;
  try {
    accepted = await deps.sink.submit(trigger);
  } catch (error) {
    pending?.cancel();
    if (error instanceof GatewayError) throw error;
    throw new GatewayError('BF_ERR_WEBHOOK_INTAKE_UNAVAILABLE', {
      cause: error,
      headers: { 'retry-after': '1' },
    });
  }
  if (accepted.duplicate) {
    deps.metrics.duplicates.inc({ webhook: route.id });
    void reply.header('idempotent-replayed', 'true');
  }
  const answer = pending
    ? await waitForAnswer(pending, route, accepted.executionId, reply, deps)
    : onReceivedAnswer(settings, accepted.executionId);
  return send(reply, answer, request.method === 'HEAD');
}

async function waitForAnswer(
  pending: PendingOutcome,
  route: WebhookRoute,
  executionId: string,
  reply: FastifyReply,
  deps: WebhookIntakeDeps,
): Promise<HttpAnswer> {
  let timer: NodeJS.Timeout | undefined;
  const gone = new Promise<'gone'>((resolve) => reply.raw.once('close', () => resolve('gone')));
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deps.config.responseTimeoutMs);
  });
  try {
    const outcome: WebhookOutcome | 'timeout' | 'gone' = await Promise.race([pending.outcome, timeout, gone]);
    if (outcome === 'timeout') {
      deps.metrics.responseTimeouts.inc({ webhook: route.id });
      return stillRunningAnswer(executionId);
    }
    if (outcome === 'gone') return stillRunningAnswer(executionId);
    if (outcome.type === 'responded')
      return await respondNodeAnswer(outcome.response, executionId, deps.store);
    return route.settings.responseMode === 'responseNode'
      ? noRespondNodeAnswer(outcome, executionId)
      : await lastNodeAnswer(route.settings, outcome as FinishedOutcome, executionId, deps.store);
  } finally {
    clearTimeout(timer);
    pending.cancel();
  }
}

function send(reply: FastifyReply, answer: HttpAnswer, head: boolean): FastifyReply {
  return reply
    .code(answer.statusCode)
    .headers(answer.headers)
    .send(head ? undefined : answer.payload);
}

function webhookUrlOf(request: FastifyRequest, route: WebhookRoute, publicUrl: string | undefined): string {
  const base = publicUrl ? publicUrl.replace(/\/+$/, '') : `${request.protocol}://${request.host}`;
  return `${base}${URL_PREFIX[route.kind]}${route.path}`;
}
