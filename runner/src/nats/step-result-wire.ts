import type { DataStore, StepResult } from '@budflow/runtime';
import { DEFAULT_INLINE_LIMIT_BYTES } from '../protocol/packed-job.js';
import type { DataRef } from '../protocol/packed-job.js';

/** A step's result as the operator receives it. */
export interface NatsStepResult {
  stepId: string;
  executionId: string;
  result: StepResult;
}

/** A step's result as it travels on `<prefix>.results.<executionId>`: inline when small, else by reference. */
export type PackedStepResult =
  (NatsStepResult & { resultRef?: undefined }) | { stepId: string; executionId: string; resultRef: DataRef };

/** The data store key of a result passed by reference. */
export const resultKeyOf = (stepId: string): string => `results/${stepId}`;

/** Moves a result past `limit` bytes of JSON into the store (large outputs would exceed the NATS payload limit). */
export async function packResult(
  message: NatsStepResult,
  store: DataStore,
  limit = DEFAULT_INLINE_LIMIT_BYTES,
): Promise<PackedStepResult> {
  const text = JSON.stringify(message.result);
  if (text.length <= limit) return message;
  const key = resultKeyOf(message.stepId);
  await store.put(key, text);
  return {
    stepId: message.stepId,
    executionId: message.executionId,
    resultRef: { $ref: key, bytes: text.length },
  };
}

/** Resolves a result passed by reference; undefined when its data is gone from the store. */
export async function unpackResult(
  packed: PackedStepResult,
  store: DataStore,
): Promise<NatsStepResult | undefined> {
  if (packed.resultRef === undefined) return packed;
  const text = await store.get(packed.resultRef.$ref);
  if (text === undefined) return undefined;
  return { stepId: packed.stepId, executionId: packed.executionId, result: JSON.parse(text) as StepResult };
}

/** Parses a results message, or throws when it is not one. */
export function parsePackedResult(data: unknown): PackedStepResult {
  const value = data as Partial<NatsStepResult & { resultRef: DataRef }> | null;
  if (
    value === null ||
    typeof value !== 'object' ||
    typeof value.stepId !== 'string' ||
    typeof value.executionId !== 'string' ||
    (typeof value.result !== 'object' && typeof value.resultRef !== 'object')
  ) {
    throw new Error('not a step result message');
  }
  return value as PackedStepResult;
}
