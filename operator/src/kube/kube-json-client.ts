import {
  HttpMethod,
  IsomorphicFetchHttpLibrary,
  RequestContext,
  type KubeConfig,
} from '@kubernetes/client-node';
import { apiError } from './typed-errors.js';

export type KubeVerb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface KubeRequest {
  method: KubeVerb;
  /** Path below the server URL, e.g. `/apis/coordination.k8s.io/v1/namespaces/ns/leases/name`. */
  path: string;
  query?: Record<string, string | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Defaults to `application/json`; patches name their strategy (`application/merge-patch+json`). */
  contentType?: string;
  /** Aborts the request after this long (default: the client's timeout). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * The narrow port every helper in this folder talks to the apiserver through: raw JSON in and out. Raw JSON
 * keeps wire formats exact (a Lease's MicroTime must have six fractional digits, which client-node's typed
 * APIs break by sending JS Dates) and makes a recording fake trivial. Failures are typed: NotFoundError,
 * ConflictError, AlreadyExistsError, otherwise KubeApiError.
 */
export interface KubeJsonClient {
  request<T = unknown>(request: KubeRequest): Promise<T>;
}

const METHODS: Record<KubeVerb, HttpMethod> = {
  GET: HttpMethod.GET,
  POST: HttpMethod.POST,
  PUT: HttpMethod.PUT,
  PATCH: HttpMethod.PATCH,
  DELETE: HttpMethod.DELETE,
};

/** A KubeJsonClient over client-node's own HTTP stack (its TLS, auth providers and connection reuse). */
export function createKubeJsonClient(kc: KubeConfig, options: { timeoutMs?: number } = {}): KubeJsonClient {
  const http = new IsomorphicFetchHttpLibrary();
  const defaultTimeoutMs = options.timeoutMs ?? 30_000;
  return {
    async request<T>(request: KubeRequest): Promise<T> {
      const cluster = kc.getCurrentCluster();
      if (!cluster) throw new Error('the kubeconfig has no current cluster');
      const url = new URL(`${cluster.server.replace(/\/+$/, '')}${request.path}`);
      for (const [name, value] of Object.entries(request.query ?? {})) {
        if (value !== undefined) url.searchParams.set(name, value);
      }
      const context = new RequestContext(url.toString(), METHODS[request.method]);
      context.setHeaderParam('Accept', 'application/json');
      if (request.body !== undefined) {
        context.setHeaderParam('Content-Type', request.contentType ?? 'application/json');
        context.setBody(JSON.stringify(request.body));
      }
      const timeout = AbortSignal.timeout(request.timeoutMs ?? defaultTimeoutMs);
      context.setSignal(request.signal ? AbortSignal.any([request.signal, timeout]) : timeout);
      await kc.applySecurityAuthentication(context);
      const response = await http.send(context).toPromise();
      const text = await response.body.text();
      if (response.httpStatusCode >= 200 && response.httpStatusCode < 300) {
        return (text ? JSON.parse(text) : undefined) as T;
      }
      throw apiError(response.httpStatusCode, text, { method: request.method, path: request.path });
    },
  };
}
