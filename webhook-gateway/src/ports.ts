import type { Item } from '@budflow/runtime';

/**
 * The gateway's ports. The app (`buildApp`) sees only these; local mode wires in-process adapters
 * (src/local/), cluster mode NATS JetStream and Redis (src/nats/, src/redis/).
 */

/** How a webhook answers: at once, after the last node, or when a Respond to Webhook node runs. */
export type ResponseMode = 'onReceived' | 'lastNode' | 'responseNode';

/** URL family: `/webhook/...` (active workflows) or `/webhook-test/...` (any valid workflow). */
export type WebhookKind = 'production' | 'test';

/** One accepted webhook call, as the intake carries it to the engine. JSON-serializable. */
export interface WebhookTrigger {
  /** The sender's idempotency key scoped to the webhook, or a fresh id: the message id (Nats-Msg-Id) */
  deliveryId: string;
  /** Derived from deliveryId, so a retried delivery names the same execution */
  executionId: string;
  /** The sender named the delivery (idempotency key): a repeat within the window starts nothing */
  keyed: boolean;
  namespace: string;
  workflow: string;
  /** The Webhook node the call came in on: the execution's start node */
  node: string;
  mode: WebhookKind;
  /** The trigger items (one, as n8n's Webhook node outputs it) */
  items: Item[];
  /** Data-store keys of binary data moved out of the items (deleted once the execution ends) */
  binaryRefs: string[];
  /** What the caller waits for */
  responseMode: ResponseMode;
  receivedAt: number;
}

export interface TriggerAccepted {
  executionId: string;
  /** The delivery was seen before: no second execution was started */
  duplicate: boolean;
}

/**
 * Takes triggers durably. `submit` resolves only once the trigger is safe (local: the execution is created;
 * cluster: JetStream's PubAck); it rejects when the trigger cannot be taken, and the caller answers 503.
 */
export interface TriggerSink {
  submit(trigger: WebhookTrigger): Promise<TriggerAccepted>;
  /** False while triggers cannot be taken (NATS down, too many executions in flight): the gateway sheds */
  healthy(): boolean;
}

/** The answer a Respond to Webhook node asked for (its node context's `webhookResponse`, unchecked). */
export interface RespondedOutcome {
  type: 'responded';
  response: unknown;
}

/** The execution stopped: finished, failed, was cancelled, or waits (Wait node) beyond the request. */
export interface FinishedOutcome {
  type: 'finished';
  status: 'success' | 'error' | 'canceled' | 'waiting';
  /** The last node executed and its first output's items (what `lastNode` answers with) */
  lastNode?: string;
  items: Item[];
  error?: string;
}

export type WebhookOutcome = RespondedOutcome | FinishedOutcome;

export interface PendingOutcome {
  /** Resolves with the first outcome the caller waits for; never rejects */
  readonly outcome: Promise<WebhookOutcome>;
  /** Stops waiting (timeout, client gone) */
  cancel(): void;
}

/**
 * Waits for what an execution reports back for its caller. `expect` is called before `submit`, so an
 * execution that finishes at once is not missed. `until: 'responseNode'` settles on the first response or
 * on the end; `'lastNode'` settles on the end.
 */
export interface ResponseWaiter {
  expect(executionId: string, until: Exclude<ResponseMode, 'onReceived'>): PendingOutcome;
}

/** Key/value data of a Kubernetes Secret (decoded), looked up by namespace and name. */
export interface SecretSource {
  get(namespace: string, name: string): Promise<Record<string, string> | undefined>;
}

/** Remembers keys for a while: HMAC signatures already used, to refuse replays. */
export interface ReplayGuard {
  /** True the first time `key` is seen within `ttlMs`, false for a repeat. */
  firstSeen(key: string, ttlMs: number): Promise<boolean>;
}
