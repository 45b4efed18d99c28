import type { AnyNode } from 'acorn';

/** A child node and where it hangs: `parent[key]`, or `parent[key][index]` for list fields. */
export interface ChildSlot {
  readonly key: string;
  readonly index: number | undefined;
  readonly node: AnyNode;
}

const NON_CHILD_KEYS = new Set(['type', 'start', 'end', 'loc', 'range']);

function isNode(value: unknown): value is AnyNode {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** The child nodes of any ESTree node, found generically so new syntax is never silently skipped. */
export function childSlots(node: AnyNode): ChildSlot[] {
  const slots: ChildSlot[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (NON_CHILD_KEYS.has(key)) continue;
    if (isNode(value)) slots.push({ key, index: undefined, node: value });
    else if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => {
        if (isNode(item)) slots.push({ key, index, node: item });
      });
    }
  }
  return slots;
}

/** Replaces the child in `slot` of `parent` with `replacement`. */
export function replaceChild(parent: AnyNode, slot: ChildSlot, replacement: AnyNode): void {
  const record = parent as unknown as Record<string, unknown>;
  if (slot.index === undefined) record[slot.key] = replacement;
  else (record[slot.key] as unknown[])[slot.index] = replacement;
}
