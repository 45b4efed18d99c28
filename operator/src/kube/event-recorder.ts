import { createHash } from 'node:crypto';
import type { KubernetesObject } from '@kubernetes/client-node';
import { systemClock, type Clock, type TimerHandle } from './clock.js';
import type { KubeJsonClient } from './kube-json-client.js';
import { formatMicroTime } from './micro-time.js';
import { apiVersionOf, collectionPath, EVENTS, objectPath } from './resources.js';
import { AlreadyExistsError, NotFoundError } from './typed-errors.js';

export type EventType = 'Normal' | 'Warning';

/** An involved object as events.k8s.io/v1 refers to it. */
export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  uid?: string;
}

export interface RecordOptions {
  /** What was being done, e.g. `Reconcile`, `StartExecution` (default `Reconcile`). */
  action?: string;
  /** A second object the event is about, e.g. the Pod of a failed step. */
  related?: KubernetesObject;
}

export interface EventRecorderOptions {
  client: KubeJsonClient;
  /** The controller's qualified name, e.g. `budflow.io/operator`. */
  reportingController: string;
  /** This replica, e.g. the Pod name (at most 128 characters). */
  reportingInstance: string;
  clock?: Clock;
  /** Repeats of an event are counted locally and written at most once per this period (default 10 s). */
  seriesFlushMs?: number;
  /** Series remembered locally (default 4096); the oldest is flushed and forgotten beyond that. */
  maxSeries?: number;
  /** Told about failed writes: events are best effort and never fail the caller. */
  onError?: (error: unknown) => void;
}

interface Series {
  namespace: string;
  name: string;
  body: Record<string, unknown>;
  /** Occurrences, including those found on an existing Event. */
  count: number;
  lastObservedMs: number;
  /** The count the apiserver has. */
  writtenCount: number;
  timer: TimerHandle | undefined;
  /** Writes of one series never overlap. */
  chain: Promise<void>;
}

/** Field limits of events.k8s.io/v1 validation. */
const NOTE_MAX_BYTES = 1024;
const REASON_MAX = 128;

/**
 * Records Kubernetes Events (events.k8s.io/v1, shown by `kubectl describe` and `kubectl events`) about an
 * object. An event's name is derived from what it says (regarding object, type, reason, action, note), so
 * a repeated event is one object whose `series.count` grows, not a flood of objects: the first occurrence
 * is created at once, repeats are counted and patched in at most once per `seriesFlushMs`. The same name
 * lets a restarted or new leader continue the series an earlier replica started.
 */
export class EventRecorder {
  private readonly clock: Clock;
  private readonly seriesFlushMs: number;
  private readonly maxSeries: number;
  private readonly series = new Map<string, Series>();

  constructor(private readonly options: EventRecorderOptions) {
    this.clock = options.clock ?? systemClock;
    this.seriesFlushMs = options.seriesFlushMs ?? 10_000;
    this.maxSeries = options.maxSeries ?? 4096;
  }

  /** Records a Normal event; resolves once the first occurrence is written, never rejects. */
  normal(regarding: KubernetesObject, reason: string, note: string, options?: RecordOptions): Promise<void> {
    return this.record(regarding, 'Normal', reason, note, options);
  }

  /** Records a Warning event (an error the user can fix); resolves once written, never rejects. */
  warning(regarding: KubernetesObject, reason: string, note: string, options?: RecordOptions): Promise<void> {
    return this.record(regarding, 'Warning', reason, note, options);
  }

  record(
    object: KubernetesObject,
    type: EventType,
    reason: string,
    note: string,
    options: RecordOptions = {},
  ): Promise<void> {
    const regarding = referenceOf(object);
    if (!regarding.name) {
      this.report(new Error(`event ${reason}: the regarding object has no name`));
      return Promise.resolve();
    }
    const namespace = regarding.namespace || 'default';
    const body = this.eventBody(regarding, type, reason, note, options);
    const name = eventName(regarding.name, body);
    const key = `${namespace}/${name}`;
    const now = this.clock.now();
    const existing = this.series.get(key);
    if (existing) {
      existing.count++;
      existing.lastObservedMs = now;
      this.scheduleFlush(existing);
      return Promise.resolve();
    }
    body.metadata = { name, namespace };
    body.eventTime = formatMicroTime(now);
    const series: Series = {
      namespace,
      name,
      body,
      count: 1,
      lastObservedMs: now,
      writtenCount: 0,
      timer: undefined,
      chain: Promise.resolve(),
    };
    this.remember(key, series);
    return this.enqueue(series, () => this.create(series));
  }

  /** Writes every counted but unwritten repeat now. */
  async flush(): Promise<void> {
    for (const series of this.series.values()) {
      if (series.timer === undefined) continue;
      this.clock.clearTimeout(series.timer);
      series.timer = undefined;
      void this.enqueue(series, () => this.flushSeries(series));
    }
    await Promise.all([...this.series.values()].map((series) => series.chain));
  }

  private eventBody(
    regarding: ObjectReference,
    type: EventType,
    reason: string,
    note: string,
    options: RecordOptions,
  ): Record<string, unknown> {
    const body: Record<string, unknown> = {
      apiVersion: apiVersionOf(EVENTS),
      kind: 'Event',
      reportingController: this.options.reportingController,
      reportingInstance: this.options.reportingInstance,
      action: (options.action ?? 'Reconcile').slice(0, REASON_MAX),
      reason: reason.slice(0, REASON_MAX),
      note: truncateBytes(note, NOTE_MAX_BYTES),
      type,
      regarding,
    };
    if (options.related) body.related = referenceOf(options.related);
    return body;
  }

  private async create(series: Series): Promise<void> {
    const count = series.count;
    try {
      await this.options.client.request({
        method: 'POST',
        path: collectionPath(EVENTS, series.namespace),
        body: count >= 2 ? { ...series.body, series: this.seriesField(series) } : series.body,
      });
      series.writtenCount = count;
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      // An earlier replica (or this one before a restart) started this series: continue it.
      const current = await this.options.client.request<{ series?: { count?: number } }>({
        method: 'GET',
        path: objectPath(EVENTS, series.namespace, series.name),
      });
      series.count += current.series?.count ?? 1;
      await this.patchSeries(series, false);
    }
  }

  private flushSeries(series: Series): Promise<void> {
    return series.count === series.writtenCount ? Promise.resolve() : this.patchSeries(series, true);
  }

  private async patchSeries(series: Series, recreate: boolean): Promise<void> {
    const count = series.count;
    try {
      await this.options.client.request({
        method: 'PATCH',
        path: objectPath(EVENTS, series.namespace, series.name),
        contentType: 'application/merge-patch+json',
        body: { series: this.seriesField(series) },
      });
      series.writtenCount = count;
    } catch (error) {
      // Events expire (the apiserver's --event-ttl, 1 h by default): start the object again.
      if (!(recreate && error instanceof NotFoundError)) throw error;
      await this.create(series);
    }
  }

  private seriesField(series: Series): { count: number; lastObservedTime: string } {
    return { count: series.count, lastObservedTime: formatMicroTime(series.lastObservedMs) };
  }

  private scheduleFlush(series: Series): void {
    if (series.timer !== undefined) return;
    series.timer = this.clock.setTimeout(() => {
      series.timer = undefined;
      void this.enqueue(series, () => this.flushSeries(series));
    }, this.seriesFlushMs);
  }

  private enqueue(series: Series, write: () => Promise<void>): Promise<void> {
    series.chain = series.chain.then(write).catch((error: unknown) => this.report(error));
    return series.chain;
  }

  private remember(key: string, series: Series): void {
    this.series.set(key, series);
    if (this.series.size <= this.maxSeries) return;
    const [oldestKey, oldest] = this.series.entries().next().value as [string, Series];
    this.series.delete(oldestKey);
    if (oldest.timer !== undefined) {
      this.clock.clearTimeout(oldest.timer);
      oldest.timer = undefined;
      void this.enqueue(oldest, () => this.flushSeries(oldest));
    }
  }

  private report(error: unknown): void {
    try {
      this.options.onError?.(error);
    } catch {
      // Events are best effort.
    }
  }
}

function referenceOf(object: KubernetesObject): ObjectReference {
  const { name, namespace, uid } = object.metadata ?? {};
  const reference: ObjectReference = {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name,
    namespace,
    uid,
  };
  return Object.fromEntries(Object.entries(reference).filter(([, value]) => value)) as ObjectReference;
}

/** `<object name>.<16 hex of what the event says>`: stable across repeats, replicas and restarts. */
function eventName(objectName: string, body: Record<string, unknown>): string {
  const { reportingController, action, reason, note, type, regarding, related } = body;
  const digest = createHash('sha256')
    .update(JSON.stringify([reportingController, action, reason, note, type, regarding, related ?? null]))
    .digest('hex')
    .slice(0, 16);
  return `${objectName.slice(0, 253 - 17)}.${digest}`;
}

function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let cut = text.slice(0, maxBytes);
  while (Buffer.byteLength(cut) > maxBytes - 3) cut = cut.slice(0, -1);
  return `${cut}...`;
}
