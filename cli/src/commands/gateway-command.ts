import { KubeConfig } from '@kubernetes/client-node';
import { runClusterGateway } from '@budflow/webhook-gateway';
import type { NodeTypeRegistry } from '@budflow/runtime';

export interface GatewayFlags {
  kubeconfig?: string;
  nats?: string;
  redis?: string;
  /** commander's `--no-route-cache`: false when given */
  routeCache: boolean;
  prefix: string;
  namespace?: string;
  port: string;
  host: string;
  bodyLimit: string;
  responseTimeout: string;
  publicUrl?: string;
  trustProxy?: boolean;
  logLevel: string;
}

/** `budflow gateway`: the webhook gateway of a cluster (routes from Workflows, triggers to JetStream). */
export async function gatewayCommand(
  flags: GatewayFlags,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
  registry: NodeTypeRegistry,
  out: (line: string) => void,
): Promise<number> {
  const kubeConfig = new KubeConfig();
  const kubeconfig = flags.kubeconfig ?? env.KUBECONFIG;
  if (kubeconfig) kubeConfig.loadFromFile(kubeconfig);
  else kubeConfig.loadFromDefault();
  const natsUrl = flags.nats ?? env.NATS_URL;
  if (!natsUrl) throw new Error('budflow gateway needs NATS: pass --nats nats://host:4222 or set NATS_URL');
  const redisUrl = flags.redis ?? env.REDIS_URL;
  const port = Number(flags.port);
  const bodyLimitMiB = Number(flags.bodyLimit);
  const responseTimeoutS = Number(flags.responseTimeout);
  if (!Number.isInteger(port) || port < 0)
    throw new Error(`--port must be a port number, not '${flags.port}'`);
  if (!(bodyLimitMiB > 0))
    throw new Error(`--body-limit must be a positive number, not '${flags.bodyLimit}'`);
  if (!(responseTimeoutS > 0))
    throw new Error(`--response-timeout must be a positive number, not '${flags.responseTimeout}'`);
  await runClusterGateway(
    {
      kubeConfig,
      natsUrl,
      prefix: flags.prefix,
      ...(flags.namespace ? { namespace: flags.namespace } : {}),
      ...(redisUrl ? { redisUrl } : {}),
      routeCache: flags.routeCache,
      port,
      host: flags.host,
      registry,
      config: {
        bodyLimitBytes: Math.round(bodyLimitMiB * 1024 * 1024),
        responseTimeoutMs: Math.round(responseTimeoutS * 1000),
        ...(flags.publicUrl ? { publicUrl: flags.publicUrl } : {}),
        ...(flags.trustProxy ? { trustProxy: true } : {}),
      },
      logLevel: flags.logLevel,
    },
    signal,
    (handle) =>
      out(`webhook gateway listening on ${handle.url} (${handle.routes().webhooks.length} webhook URLs)`),
  );
  return 0;
}
