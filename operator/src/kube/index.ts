// Kubernetes primitives of the operator: a work queue and its workers, informers, leader election on a
// Lease, optimistic status writes, conditions and Events, over one raw-JSON client port.
export { ManualClock, systemClock, type Clock, type TimerHandle } from './clock.js';
export {
  AlreadyExistsError,
  apiError,
  ConflictError,
  KubeApiError,
  NotFoundError,
  RequeueAfterError,
  toTypedError,
  type KubeStatus,
} from './typed-errors.js';
export {
  createKubeJsonClient,
  type KubeJsonClient,
  type KubeRequest,
  type KubeVerb,
} from './kube-json-client.js';
export { FakeKubeClient, mergePatch, type FakeAction, type Reactor } from './fake-kube-client.js';
export {
  apiVersionOf,
  collectionPath,
  EVENTS,
  EXECUTIONS,
  LEASES,
  objectPath,
  PODS,
  WORKFLOWS,
  type ResourceType,
} from './resources.js';
export { objectKey, splitObjectKey } from './object-key.js';
export { ItemExponentialRateLimiter, type RateLimiter } from './rate-limiter.js';
export { WorkQueue, type WorkQueueOptions } from './work-queue.js';
export {
  processNextWorkItem,
  requeueAfterOf,
  runWorkers,
  type Reconcile,
  type ReconcileResult,
  type RunWorkersOptions,
} from './run-workers.js';
export {
  ResourceInformer,
  type InformerEvent,
  type InformerScope,
  type InformerSource,
  type KeysOf,
  type ResourceInformerOptions,
} from './resource-informer.js';
export { formatMicroTime, formatTime, parseTime } from './micro-time.js';
export { createLeaseClient, type Lease, type LeaseClient, type LeaseSpec } from './lease-client.js';
export {
  LeadershipLostError,
  LeaseElector,
  type LeaderCallbacks,
  type LeaseElectorOptions,
} from './lease-elector.js';
export {
  StatusWriter,
  type CachedObject,
  type StatusTarget,
  type StatusWriteResult,
} from './status-writer.js';
export {
  findCondition,
  isConditionTrue,
  removeCondition,
  setCondition,
  type Condition,
  type ConditionStatus,
  type ConditionUpdate,
} from './conditions.js';
export {
  EventRecorder,
  type EventRecorderOptions,
  type EventType,
  type ObjectReference,
  type RecordOptions,
} from './event-recorder.js';
