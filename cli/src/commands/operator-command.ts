import { hostname } from 'node:os';
import { KubeConfig } from '@kubernetes/client-node';
import { createLogger, runOperator } from '@budflow/operator';
import type { NodeTypeRegistry } from '@budflow/runtime';
import { parseDuration } from '../duration.js';

export interface OperatorFlags {
  kubeconfig?: string;
  nats?: string;
  prefix: string;
  namespace?: string;
  leaseNamespace: string;
  leaseName: string;
  leaseDuration: string;
  renewDeadline: string;
  retryPeriod: string;
  metricsPort: string;
  identity?: string;
  concurrency: string;
  logLevel: string;
  runnerImage?: string;
  webhookExecutionTtl: string;
}

/** `budflow operator`: reconciles Workflows and Executions while it holds the leader Lease. */
export async function operatorCommand(
  flags: OperatorFlags,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
  registry: NodeTypeRegistry,
): Promise<number> {
  const kubeConfig = new KubeConfig();
  const kubeconfig = flags.kubeconfig ?? env.KUBECONFIG;
  if (kubeconfig) kubeConfig.loadFromFile(kubeconfig);
  else kubeConfig.loadFromDefault();
  const natsUrl = flags.nats ?? env.NATS_URL;
  if (!natsUrl) throw new Error('budflow operator needs NATS: pass --nats nats://host:4222 or set NATS_URL');
  const logger = createLogger(flags.logLevel);
  await runOperator(
    {
      kubeConfig,
      natsUrl,
      prefix: flags.prefix,
      ...(flags.namespace ? { namespace: flags.namespace } : {}),
      identity: flags.identity ?? env.POD_NAME ?? `${hostname()}-${process.pid}`,
      lease: {
        namespace: flags.leaseNamespace,
        name: flags.leaseName,
        durationMs: parseDuration(flags.leaseDuration, '--lease-duration'),
        renewDeadlineMs: parseDuration(flags.renewDeadline, '--renew-deadline'),
        retryPeriodMs: parseDuration(flags.retryPeriod, '--retry-period'),
      },
      metricsPort: Number(flags.metricsPort),
      concurrency: Number(flags.concurrency),
      ...(flags.runnerImage ? { podImage: flags.runnerImage } : {}),
      webhookExecutionTtlSeconds: Math.round(
        parseDuration(flags.webhookExecutionTtl, '--webhook-execution-ttl') / 1000,
      ),
      registry,
      logger,
      onListening: (port) => logger.info({ port }, 'metrics and health on /metrics /healthz /readyz'),
    },
    signal,
  );
  return 0;
}
