import type { FastifyInstance } from 'fastify';

/**
 * Marks a plugin as not encapsulated (what fastify-plugin does), so its hooks and decorators apply to the
 * context that registers it.
 */
export function sharedPlugin<Options>(
  name: string,
  plugin: (app: FastifyInstance, options: Options) => Promise<void>,
): (app: FastifyInstance, options: Options) => Promise<void> {
  return Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: name,
  });
}
