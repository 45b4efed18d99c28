// @budflow/stack: real etcd, kube-apiserver (+ kube-controller-manager), NATS JetStream and Redis as processes,
// for integration tests (src/global-setup.ts) and `npm run dev:stack` (src/dev-stack.ts).
export { startStack, type Stack, type StackOptions } from './stack.js';
export { connectionEnv, STACK_KEY, type StackConnection } from './connection.js';
export {
  createTestNamespace,
  loadKubeConfig,
  testPrefix,
  uniqueName,
  type TestNamespace,
} from './test-isolation.js';
export { applyAndWait, readManifests, waitForCrdsEstablished } from './crds.js';
export { serverSideApply } from './raw-apply.js';
export { findBinaries, repoRoot, requiredVersion, type Binaries } from './binaries.js';
export { groupAlive, orphanSafeArgv, type ServerProcess } from './server-process.js';
export { sweepOrphans } from './pid-registry.js';
export { isListening } from './probe.js';
