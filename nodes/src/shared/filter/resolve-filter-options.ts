import type { FilterOptions } from './filter-value.js';

type NodeFilterSettings = Required<Pick<FilterOptions, 'caseSensitive' | 'typeValidation' | 'version'>>;

/**
 * The options a filter runs with. n8n's editor writes them into the parameter (`conditions.options`) from
 * the node's settings, and n8n's engine uses exactly what was written (a missing `typeValidation` means
 * loose). A hand-written workflow may leave `options` out altogether; then they come from the node's own
 * settings (`fromNode`), as the editor would have written them.
 */
export function resolveFilterOptions(stored: unknown, fromNode: NodeFilterSettings): FilterOptions {
  const given = typeof stored === 'object' && stored !== null ? (stored as FilterOptions) : {};
  return Object.keys(given).length > 0 ? given : { ...fromNode };
}
