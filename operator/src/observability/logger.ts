import { pino } from 'pino';
import type { Logger } from 'pino';

/** JSON logs; child loggers carry `execution`, `workflow` and `node`. */
export function createLogger(level = 'info', name = 'budflow-operator'): Logger {
  return pino({ name, level, base: { component: name } });
}
export type { Logger };
