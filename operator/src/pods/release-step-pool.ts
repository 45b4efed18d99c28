import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { natsNames } from '@budflow/runner';
import { stepPodPool } from './build-step-pod.js';

/**
 * Removes what a pod step leaves on NATS once its Pod has ended: the durable consumer its runner created on the
 * step's own pool, and a job no runner will take any more (a Pod that failed before it pulled its job). Without
 * this every pod step would leave a consumer behind on the steps stream. Idempotent.
 */
export async function releaseStepPool(jsm: JetStreamManager, prefix: string, stepId: string): Promise<void> {
  const names = natsNames(prefix);
  const pool = stepPodPool(stepId);
  try {
    await jsm.consumers.delete(names.stepsStream, names.runnerConsumer(pool));
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound))
      throw error;
  }
  await jsm.streams.purge(names.stepsStream, { filter: names.stepsSubject(pool) });
}
