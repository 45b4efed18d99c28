import type { DataStore, Item, RunData, StepJob } from '@budflow/runtime';

/** A reference to data kept in a data store instead of inline. */
export interface DataRef {
  $ref: string;
  bytes: number;
}

/** A step job as it travels: inputs and run data inline when small, by reference when large. */
export type PackedStepJob = Omit<StepJob, 'inputs' | 'runData'> & {
  inputs: Item[][] | DataRef;
  runData: RunData | DataRef;
};

export const DEFAULT_INLINE_LIMIT_BYTES = 256 * 1024;

/** Moves `inputs` and `runData` past `limit` bytes of JSON into the store. */
export async function packJob(
  job: StepJob,
  store: DataStore,
  limit = DEFAULT_INLINE_LIMIT_BYTES,
): Promise<PackedStepJob> {
  const pack = async <T>(field: string, value: T): Promise<T | DataRef> => {
    const text = JSON.stringify(value);
    if (text.length <= limit) return value;
    const key = `steps/${job.stepId}/${field}`;
    await store.put(key, text);
    return { $ref: key, bytes: text.length };
  };
  return { ...job, inputs: await pack('inputs', job.inputs), runData: await pack('runData', job.runData) };
}

/** Resolves the references of a packed job. */
export async function unpackJob(
  job: PackedStepJob,
  fetch: (ref: string) => Promise<string | undefined>,
): Promise<StepJob> {
  const unpack = async <T>(value: T | DataRef): Promise<T> => {
    if (!isRef(value)) return value;
    const text = await fetch(value.$ref);
    if (text === undefined) throw new Error(`step data '${value.$ref}' is gone from the data store`);
    return JSON.parse(text) as T;
  };
  return { ...job, inputs: await unpack(job.inputs), runData: await unpack(job.runData) };
}

/** The keys a packed job stored, to delete once its step is done. */
export function refsOf(job: PackedStepJob): string[] {
  return [job.inputs, job.runData].filter(isRef).map((r) => r.$ref);
}

function isRef(value: unknown): value is DataRef {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as DataRef).$ref === 'string'
  );
}
