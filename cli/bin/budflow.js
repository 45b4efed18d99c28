#!/usr/bin/env node
// The `budflow` binary. A committed shim, so npm can link it at install time, before `prepare` builds dist/.
// It checks the Node version first: on an older Node the real entry fails with an obscure import error.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `budflow needs Node.js 22 or newer; this is ${process.version}.\n` +
      'In a BudFlow checkout: export PATH="$(scripts/ensure-node):$PATH" (installs Node 24 into .tools/ if needed).',
  );
  process.exit(1);
}
await import('../dist/main.js');
