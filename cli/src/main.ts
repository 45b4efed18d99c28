#!/usr/bin/env node
// The `budflow` binary: the composition root. Configuration (flags, environment) is read here once.
import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';
import { Command, Option } from 'commander';
import { EXECUTION_MODES, InProcessStepRunner } from '@budflow/runtime';
import { detectSandboxHost, hardenProcess, SandboxedStepRunner, serveStepJobs } from '@budflow/runner';
import type { IsolationMode } from '@budflow/runner';
import type { ExecutionMode } from '@budflow/runtime';
import { createNodeRegistry } from '@budflow/nodes';
import { runCommand } from './commands/run-command.js';
import { validateCommand } from './commands/validate-command.js';
import { importN8nCommand } from './commands/import-command.js';
import type { ServeFlags } from './commands/serve-command.js';
import type { OperatorFlags } from './commands/operator-command.js';
import type { GatewayFlags } from './commands/gateway-command.js';
import type { NatsRunnerFlags } from './commands/nats-runner-command.js';
import { ManifestError } from './load-workflow-file.js';
import { allowedEnv, parseVars } from './environment.js';
import { positiveNumber } from './flag-values.js';
import { releaseStartupHeap } from './release-startup-heap.js';

const registry = createNodeRegistry();
const out = (text: string) => process.stdout.write(`${text}\n`);
const err = (text: string) => process.stderr.write(`${text}\n`);

const program = new Command('budflow')
  .description('BudFlow: n8n-style workflows, run on one machine or reconciled on Kubernetes')
  .version('0.1.0')
  .showHelpAfterError();

program
  .command('run')
  .description('Run a Workflow manifest on this machine, with no cluster')
  .argument('<file>', 'Workflow manifest (YAML or JSON)')
  .option('-i, --input <items.json>', 'JSON file with the items given to the trigger node')
  .addOption(new Option('-o, --output <format>', 'result format').choices(['table', 'json']).default('table'))
  .option('-w, --workflow <name>', 'which Workflow of a multi-document file to run')
  .option('-d, --destination <node>', 'run only what this node needs (partial run)')
  .addOption(
    new Option('-m, --mode <mode>', 'execution mode (pinned data applies in manual mode)')
      .choices([...EXECUTION_MODES])
      .default('manual'),
  )
  .option('--var <key=value...>', 'workflow variables for $vars', [])
  .addOption(
    new Option(
      '--isolation <mode>',
      'sandbox of the runner processes: auto (bubblewrap when it works), bubblewrap (required), none (rlimits only)',
    )
      .choices(['auto', 'bubblewrap', 'none'])
      .default('auto'),
  )
  .option('--step-timeout <seconds>', 'wall-clock limit of a step unless its node sets timeoutSeconds', '60')
  .option('--memory <MiB>', 'memory limit of each runner process', '512')
  .option('--network', 'let steps use the network (off by default)')
  .option('--no-sandbox', 'DEBUGGING ONLY: run steps and user code inside this process, unisolated')
  .action(
    async (
      file: string,
      opts: {
        input?: string;
        output: 'table' | 'json';
        workflow?: string;
        destination?: string;
        mode: ExecutionMode;
        var: string[];
        isolation: IsolationMode;
        stepTimeout: string;
        memory: string;
        network?: boolean;
        sandbox: boolean;
      },
    ) => {
      const controller = new AbortController();
      process.once('SIGINT', () => controller.abort());
      const runner = opts.sandbox ? sandboxedRunner(opts) : unsandboxedRunner();
      try {
        process.exitCode = await runCommand(
          file,
          {
            output: opts.output,
            mode: opts.mode,
            ...(opts.input ? { input: opts.input } : {}),
            ...(opts.workflow ? { workflow: opts.workflow } : {}),
            ...(opts.destination ? { destination: opts.destination } : {}),
          },
          {
            registry,
            runner,
            newId: randomUUID,
            now: Date.now,
            stdout: out,
            stderr: err,
            progress: process.stderr.isTTY === true,
            vars: parseVars(opts.var),
            env: allowedEnv(process.env),
            signal: controller.signal,
          },
        );
      } finally {
        await runner.close();
      }
    },
  );

program
  .command('serve')
  .description(
    'Serve the webhooks of every Workflow in a directory: gateway, engine and sandboxed runners, no cluster',
  )
  .argument('<dir>', 'directory of Workflow (and Secret) manifests')
  .option('-p, --port <port>', 'port to listen on (0: any free port)', '5678')
  .option('--host <host>', 'address to listen on (0.0.0.0 to accept calls from other machines)', '127.0.0.1')
  .addOption(
    new Option('--isolation <mode>', 'sandbox of the runner processes (as for budflow run)')
      .choices(['auto', 'bubblewrap', 'none'])
      .default('auto'),
  )
  .option('--pool-size <n>', 'runner processes at most (default: CPU count)')
  .option('--step-timeout <seconds>', 'wall-clock limit of a step unless its node sets timeoutSeconds', '60')
  .option('--max-jobs <n>', 'a runner process is replaced after this many steps (default 50000)')
  .option('--memory <MiB>', 'memory limit of each runner process', '512')
  .option('--network', 'let steps use the network (off by default)')
  .option('--body-limit <MiB>', 'largest request body', '16')
  .option(
    '--response-timeout <seconds>',
    'lastNode/responseNode: answer 202 with the execution id after this',
    '30',
  )
  .option('--public-url <url>', 'base URL of $json.webhookUrl (default: from the Host header)')
  .option('--no-watch', 'do not reload when files in the directory change')
  .option('--log-level <level>', 'JSON request and execution logs on stderr (error, warn, info, debug)')
  .option('--var <key=value...>', 'workflow variables for $vars', [])
  .action(async (dir: string, opts: ServeFlags & { var: string[] }) => {
    // Loaded on use: the gateway (fastify and its plugins) costs the other commands nothing.
    const { serveCommand } = await import('./commands/serve-command.js');
    const stopped = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    process.exitCode = await serveCommand(dir, opts, {
      stdout: out,
      stderr: err,
      vars: parseVars(opts.var),
      env: allowedEnv(process.env),
      stopped,
      // A server from here on: the heap that loading it grew is given back before it idles.
      releaseStartupMemory: releaseStartupHeap,
    });
  });

program
  .command('runner')
  .description(
    'budflow-runner: run step jobs. With --nats, pull them from a JetStream pool; without, serve the local sandbox protocol on file descriptor 3',
  )
  .option('--nats <url>', 'NATS server (or NATS_URL): be a runner of a pool')
  .option('--prefix <prefix>', 'prefix of the BudFlow subjects and streams', 'budflow')
  .option('--pool <name>', 'runner pool to take steps from', 'default')
  .option('--concurrency <n>', 'steps at once (sandboxed child processes)', '2')
  .addOption(
    new Option('--isolation <mode>', 'sandbox of the child processes')
      .choices(['auto', 'bubblewrap', 'none'])
      .default('auto'),
  )
  .option('--memory <MiB>', 'memory limit of each child process unless the step sets one', '512')
  .option('--network', 'let steps use the network')
  .option('--one-job', 'take one step and exit (pod isolation)')
  .option('--max-jobs <n>', 'a child process is replaced after this many steps (default 50000)')
  .option(
    '--ack-wait <duration>',
    'a step whose runner stops answering goes to another runner after this',
    '30s',
  )
  .option(
    '--metrics-port <port>',
    'port of /metrics, /healthz and /readyz (0: any free port; none with --one-job)',
    '9465',
  )
  .action(
    // Without --nats (or NATS_URL) the other flags are unused: the runner serves the local sandbox protocol.
    async (opts: Omit<NatsRunnerFlags, 'nats'> & { nats?: string }) => {
      const nats = opts.nats ?? process.env.NATS_URL;
      if (nats) {
        const controller = new AbortController();
        for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => controller.abort());
        const { natsRunnerCommand } = await import('./commands/nats-runner-command.js');
        process.exitCode = await natsRunnerCommand({ ...opts, nats }, controller.signal, err);
        return;
      }
      hardenProcess();
      const channel = new Socket({ fd: 3, readable: true, writable: true });
      await serveStepJobs({ input: channel, output: channel, registry, pid: process.pid });
      channel.end();
    },
  );

program
  .command('operator')
  .description(
    'Reconcile Workflow and Execution resources while holding the leader Lease; steps go to runner pools over NATS JetStream',
  )
  .option('--kubeconfig <file>', 'kubeconfig (default: KUBECONFIG, in-cluster, ~/.kube/config)')
  .option('--nats <url>', 'NATS server (default: NATS_URL)')
  .option('--prefix <prefix>', 'prefix of the BudFlow subjects and streams', 'budflow')
  .option('--namespace <ns>', 'watch one namespace only (default: all)')
  .option('--lease-namespace <ns>', 'namespace of the leader Lease', 'default')
  .option('--lease-name <name>', 'name of the leader Lease', 'budflow-operator')
  .option('--lease-duration <duration>', 'how long a leader claim lasts without renewal', '15s')
  .option('--renew-deadline <duration>', 'how long the leader tries to renew before it stops leading', '10s')
  .option('--retry-period <duration>', 'pause between attempts to acquire or renew', '2s')
  .option('--metrics-port <port>', 'port of /metrics, /healthz and /readyz', '9464')
  .option('--identity <id>', 'identity in the Lease (default: POD_NAME or host-pid)')
  .option('--concurrency <n>', 'Execution reconciles at once', '32')
  .option('--runner-image <image>', "image of the Pods of steps with isolation 'pod' (one Pod per step)")
  .option(
    '--webhook-execution-ttl <duration>',
    "delete a webhook's Execution this long after it ends, unless its workflow sets settings.ttlSecondsAfterFinished",
    '1h',
  )
  .option('--log-level <level>', 'pino log level', 'info')
  .action(async (opts: OperatorFlags) => {
    const controller = new AbortController();
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => controller.abort());
    const { operatorCommand } = await import('./commands/operator-command.js');
    process.exitCode = await operatorCommand(opts, process.env, controller.signal, registry);
  });

program
  .command('gateway')
  .description(
    'Serve the webhooks of the Workflows in the cluster: triggers go to JetStream, the operator runs them',
  )
  .option('--kubeconfig <file>', 'kubeconfig (default: KUBECONFIG, in-cluster, ~/.kube/config)')
  .option('--nats <url>', 'NATS server (default: NATS_URL)')
  .option(
    '--redis <url>',
    'Redis for shared rate limits and replay keys (default: REDIS_URL; none: per replica)',
  )
  .option(
    '--no-route-cache',
    'do not share route snapshots through Redis (a new replica waits for its informer)',
  )
  .option('--prefix <prefix>', 'prefix of the BudFlow subjects and streams', 'budflow')
  .option('--namespace <ns>', 'serve one namespace only (default: all)')
  .option('-p, --port <port>', 'port to listen on (0: any free port)', '8080')
  .option('--host <host>', 'address to listen on', '0.0.0.0')
  .option('--body-limit <MiB>', 'largest request body', '16')
  .option(
    '--response-timeout <seconds>',
    'lastNode/responseNode: answer 202 with the execution id after this',
    '30',
  )
  .option('--public-url <url>', 'base URL of $json.webhookUrl (default: from the Host header)')
  .option('--trust-proxy', 'trust X-Forwarded-* headers (behind an ingress)')
  .option('--log-level <level>', 'pino log level', 'info')
  .action(async (opts: GatewayFlags) => {
    const controller = new AbortController();
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => controller.abort());
    // Loaded on use, like serve: fastify, the Kubernetes client and NATS cost the other commands nothing.
    const { gatewayCommand } = await import('./commands/gateway-command.js');
    process.exitCode = await gatewayCommand(opts, process.env, controller.signal, registry, out);
  });

program
  .command('validate')
  .description('Check Workflow manifests and print every problem with its path, line and column')
  .argument('<files...>', 'manifest files')
  .action(async (files: string[]) => {
    process.exitCode = await validateCommand(files, { registry, stdout: out, stderr: err });
  });

program
  .command('import')
  .description('Convert workflows from other tools into Workflow manifests')
  .command('n8n')
  .description('Convert an exported n8n workflow (JSON) into a Workflow manifest')
  .argument('<file>', 'n8n workflow export')
  .option('-n, --namespace <namespace>', 'metadata.namespace of the manifest')
  .option('--name <name>', 'metadata.name (default: from the n8n workflow name)')
  .option('-o, --out <file>', 'write the manifest here instead of stdout')
  .option('--allow-unsupported', 'keep nodes of unsupported types (they fail when the workflow runs)')
  .action(
    async (
      file: string,
      opts: { namespace?: string; name?: string; out?: string; allowUnsupported?: boolean },
    ) => {
      process.exitCode = await importN8nCommand(file, opts, { registry, stdout: out, stderr: err });
    },
  );

function sandboxedRunner(opts: {
  isolation: IsolationMode;
  stepTimeout: string;
  memory: string;
  network?: boolean;
}) {
  const host = detectSandboxHost({ isolation: opts.isolation });
  for (const warning of host.warnings) err(`warning: ${warning}`);
  return new SandboxedStepRunner({
    host,
    stepTimeoutMs: positiveNumber(opts.stepTimeout, '--step-timeout') * 1000,
    limits: { memoryMiB: positiveNumber(opts.memory, '--memory') },
    network: opts.network === true,
  });
}

function unsandboxedRunner() {
  err(
    'WARNING: --no-sandbox: Code nodes and expressions run INSIDE this process, with full access to your files,',
  );
  err('WARNING: network and environment, and no time or memory limits. Use it only to debug BudFlow itself.');
  const runner = new InProcessStepRunner({
    registry,
    now: Date.now,
    timers: {
      set: (at, fn) => setTimeout(fn, Math.max(0, at - Date.now())),
      clear: (h) => clearTimeout(h as NodeJS.Timeout),
    },
  });
  return Object.assign(runner, { close: async () => undefined });
}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ManifestError) {
    err(`budflow: ${error.message}`);
    for (const problem of error.problems) err(`  ${problem}`);
    process.exitCode = 2;
    return;
  }
  err(`budflow: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
