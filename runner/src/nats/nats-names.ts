import { createHash } from 'node:crypto';

/**
 * Subject tokens BudFlow builds names from (execution ids, pool names): letters, digits, '-' and '_'. Kubernetes
 * UIDs qualify; '.', '*', '>' and whitespace would change what a subject matches, so they are refused.
 */
const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;
/** Prefixes are lower-case so that `BudFlow` and `budflow` cannot both map to the streams `BUDFLOW_*`. */
const PREFIX = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** A name that cannot be used in a NATS subject or stream name. */
export class InvalidNatsNameError extends Error {
  override readonly name = 'InvalidNatsNameError';
  constructor(
    readonly kind: string,
    readonly value: string,
    rule = "letters, digits, '-' and '_' only, 1 to 128 characters",
  ) {
    super(`${kind} ${JSON.stringify(value)} cannot be used in a NATS subject: ${rule}`);
  }
}

/** True when `value` is safe as one subject token. */
export function isNatsToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN.test(value);
}

/** Returns `value` when it is a safe subject token, else throws an InvalidNatsNameError naming `kind`. */
export function assertNatsToken(kind: string, value: string): string {
  if (!isNatsToken(value)) throw new InvalidNatsNameError(kind, value);
  return value;
}

/** Every stream, subject, consumer and bucket name BudFlow uses on NATS, derived from one prefix. */
export interface NatsNames {
  prefix: string;
  /** Work queue of step jobs, one subject per runner pool */
  stepsStream: string;
  /** Work queue of step results, one subject per execution */
  resultsStream: string;
  /** The execution logs (limits retention), one subject per execution */
  eventsStream: string;
  /** Jobs no runner finished, one subject per pool, kept for inspection */
  deadStream: string;
  /** JetStream's max-deliveries and terminated advisories of the steps stream, captured durably */
  advisoriesStream: string;
  /** Object store bucket for step data passed by reference */
  dataBucket: string;
  /** Durable consumer of the operator on the results stream */
  resultsConsumer: string;
  /** Durable consumer of the operator on the advisories stream */
  deadLetterConsumer: string;
  stepsSubject(pool: string): string;
  resultsSubject(executionId: string): string;
  eventsSubject(executionId: string): string;
  deadSubject(pool: string): string;
  /** Durable consumer of a runner pool on the steps stream */
  runnerConsumer(pool: string): string;
  /** The pool a steps subject addresses, or undefined when it is not one */
  poolOf(stepsSubject: string): string | undefined;
}

/** Names from a prefix: `budflow` gives streams `BUDFLOW_STEPS`, subjects `budflow.steps.<pool>`, bucket `budflow-data`. */
export function natsNames(prefix: string): NatsNames {
  if (!PREFIX.test(prefix))
    throw new InvalidNatsNameError(
      'prefix',
      prefix,
      "lower-case letters, digits, '-' and '_', 1 to 64 characters",
    );
  const upper = prefix.toUpperCase();
  const stepsPrefix = `${prefix}.steps.`;
  return {
    prefix,
    stepsStream: `${upper}_STEPS`,
    resultsStream: `${upper}_RESULTS`,
    eventsStream: `${upper}_EVENTS`,
    deadStream: `${upper}_DEAD`,
    advisoriesStream: `${upper}_STEP_ADVISORIES`,
    dataBucket: `${prefix}-data`,
    resultsConsumer: 'operator',
    deadLetterConsumer: 'operator-dead-letters',
    stepsSubject: (pool) => `${stepsPrefix}${assertNatsToken('pool', pool)}`,
    resultsSubject: (id) => `${prefix}.results.${assertNatsToken('executionId', id)}`,
    eventsSubject: (id) => `${prefix}.events.${assertNatsToken('executionId', id)}`,
    deadSubject: (pool) => `${prefix}.dead.${assertNatsToken('pool', pool)}`,
    runnerConsumer: (pool) => `runner-${assertNatsToken('pool', pool)}`,
    poolOf: (subject) => {
      if (!subject.startsWith(stepsPrefix)) return undefined;
      const pool = subject.slice(stepsPrefix.length);
      return isNatsToken(pool) ? pool : undefined;
    },
  };
}

/**
 * The advisory subjects JetStream publishes when a consumer of `stepsStream` gives up on a job (max deliveries).
 * Terminated jobs need none: a work queue drops them at once, so the runner dead-letters them itself.
 */
export function stepAdvisorySubjects(stepsStream: string): string[] {
  return [`$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${stepsStream}.*`];
}

/** Headers of a dead job on `<prefix>.dead.<pool>`, besides the job's own. */
export const DeadLetterHeaders = {
  /** `max_deliveries` (the operator routed it) or `refused` (a runner could not read it) */
  Reason: 'Budflow-Dead-Reason',
  /** Why a runner refused it */
  Detail: 'Budflow-Dead-Detail',
  Deliveries: 'Budflow-Deliveries',
  StreamSequence: 'Budflow-Stream-Seq',
  StepId: 'Budflow-Step-Id',
} as const;

/** Nats-Msg-Id of the dead letter of the job at `seq`: routing the same job twice stores it once. */
export const deadLetterMsgIdOf = (stepsStream: string, seq: number): string => `dead/${stepsStream}/${seq}`;

const PLAIN_ID = /^[\x21-\x7e](?:[\x20-\x7e]{0,254}[\x21-\x7e])?$/;

/**
 * The Nats-Msg-Id for a deterministic id (step id, log dedupe id). Step ids contain node names, which may hold
 * characters a header value cannot carry (line breaks) or that NATS would trim; those ids are hashed instead.
 */
export function msgIdOf(id: string): string {
  return PLAIN_ID.test(id) ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}
