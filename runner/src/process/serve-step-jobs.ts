import type { Readable, Writable } from 'node:stream';
import { executeStep, toStepError } from '@budflow/runtime';
import type { NodeTypeRegistry, StepResult } from '@budflow/runtime';
import { encodeFrame, FrameDecoder } from '../protocol/frame-codec.js';
import type { FromRunner, ToRunner } from '../protocol/messages.js';
import { unpackJob } from '../protocol/packed-job.js';

const TIMERS = {
  set: (at: number, callback: () => void) => setTimeout(callback, Math.max(0, at - Date.now())),
  clear: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout),
};

export interface ServeOptions {
  input: Readable;
  output: Writable;
  registry: NodeTypeRegistry;
  pid: number;
}

/**
 * The runner's side of the protocol: reads step jobs, runs each with `executeStep`, writes its result.
 * One job at a time; data a job refers to is fetched from the engine side over the same channel.
 * Resolves when the input ends.
 */
export function serveStepJobs(options: ServeOptions): Promise<void> {
  const send = (message: FromRunner) => options.output.write(encodeFrame(message));
  const waiting = new Map<number, (value: string | undefined) => void>();
  let nextRequest = 1;
  const fetch = (ref: string) =>
    new Promise<string | undefined>((resolve) => {
      const requestId = nextRequest++;
      waiting.set(requestId, resolve);
      send({ type: 'fetch', requestId, ref });
    });

  let queue = Promise.resolve();
  const decoder = new FrameDecoder((raw) => {
    const message = raw as ToRunner;
    if (message.type === 'data') {
      waiting.get(message.requestId)?.(message.value ?? undefined);
      waiting.delete(message.requestId);
      return;
    }
    if (message.type === 'run') {
      queue = queue.then(async () => {
        let result: StepResult;
        try {
          const job = await unpackJob(message.job, fetch);
          result = await executeStep(job, {
            registry: options.registry,
            now: Date.now,
            timers: TIMERS,
            readData: fetch,
          });
        } catch (error) {
          result = { ok: false, error: toStepError(error, message.job) };
        }
        send({ type: 'result', stepId: message.job.stepId, result });
      });
    }
  });

  send({ type: 'ready', pid: options.pid, node: process.version });
  return new Promise((resolve) => {
    options.input.on('data', (chunk: Buffer) => decoder.push(chunk));
    options.input.on('end', () => void queue.then(() => resolve()));
  });
}
