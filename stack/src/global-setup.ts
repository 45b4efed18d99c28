// vitest globalSetup of the integration project: one stack for the whole run, torn down at the end. Test files
// reach it with `inject(STACK_KEY)` and keep apart with createTestNamespace / testPrefix.
import type { TestProject } from 'vitest/node';
import { connectionEnv, STACK_KEY, type StackConnection } from './connection.js';
import { startStack } from './stack.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const stack = await startStack();
  const connection: StackConnection = {
    kubeconfigPath: stack.kubeconfigPath,
    apiServerUrl: stack.apiServerUrl,
    natsUrl: stack.natsUrl,
    redisUrl: stack.redisUrl,
  };
  project.provide(STACK_KEY, connection);
  // The composition roots under test (operator, gateway) read their configuration from the environment.
  Object.assign(process.env, connectionEnv(connection));
  console.log(
    `@budflow/stack: ${stack.servers.map((server) => server.name).join(', ')} ready in ${Date.now() - started} ms (${stack.dir})`,
  );
  return () => stack.stop();
}
