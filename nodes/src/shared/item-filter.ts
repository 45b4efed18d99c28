import type { NodeExecutionContext } from '@budflow/runtime';
import { executeFilter, isFilterValue, resolveFilterOptions } from './filter/index.js';

/** The hint n8n adds to a failing condition when the node does not convert types. */
export const ENABLE_LESS_STRICT_TYPE_VALIDATION =
  "Try changing the type of comparison. Alternatively you can enable 'Convert types where required'.";

/** How a node that holds a `filter` parameter (Filter v2, Switch v3) wants it evaluated. */
export interface ItemFilterSettings {
  caseSensitive: boolean;
  looseTypeValidation: boolean;
  /** 2 converts loose booleans the n8n way (If 2.2, Filter 2.2, Switch 3.2) */
  version: number;
}

type ErrorWithDetails = Error & { description?: unknown; context?: Record<string, unknown> };

/**
 * Whether item `itemIndex` passes the filter parameter at `path`. A failing condition's error names the
 * item (`context.itemIndex`) and, when the node does not convert types, suggests doing so.
 */
export function passesItemFilter(
  ctx: NodeExecutionContext,
  path: string,
  itemIndex: number,
  settings: ItemFilterSettings,
): boolean {
  try {
    const value = ctx.getParameter<unknown>(path, itemIndex);
    if (!isFilterValue(value)) return Boolean(value);
    const options = resolveFilterOptions(value.options, {
      caseSensitive: settings.caseSensitive,
      typeValidation: settings.looseTypeValidation ? 'loose' : 'strict',
      version: settings.version,
    });
    return executeFilter({ ...value, options }, { itemIndex, warn: (m) => ctx.logger.warn(m) });
  } catch (error) {
    if (error instanceof Error) {
      const detailed = error as ErrorWithDetails;
      if (!settings.looseTypeValidation && !detailed.description)
        Object.assign(error, { description: ENABLE_LESS_STRICT_TYPE_VALIDATION });
      Object.assign(error, { context: { ...detailed.context, itemIndex } });
    }
    throw error;
  }
}
