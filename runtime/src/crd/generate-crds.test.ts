import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CustomResourceDefinition } from './custom-resource-definition.js';
import { CRD_FILE_HEADER, generateCrds } from './generate-crds.js';
import type { StructuralSchema } from './structural-schema.js';

const generated = generateCrds();
const crdsDir = new URL('../../../crds/', import.meta.url);
const chartCrdsDir = new URL('../../../charts/budflow/crds/', import.meta.url);

function readCommitted(fileName: string, dir = crdsDir): string {
  try {
    return readFileSync(new URL(fileName, dir), 'utf8');
  } catch {
    return '';
  }
}

/** Every schema node with its path and whether it is a named field (a property, not an item or map value). */
function* walk(
  node: StructuralSchema,
  path: string,
  isField = false,
): Generator<[string, StructuralSchema, boolean]> {
  yield [path, node, isField];
  for (const [name, child] of Object.entries(node.properties ?? {}))
    yield* walk(child, `${path}.${name}`, true);
  if (node.items) yield* walk(node.items, `${path}[]`);
  if (node.additionalProperties) yield* walk(node.additionalProperties, `${path}{}`);
}

/** JSON Schema keywords zod can emit that a structural schema must not contain. */
const FORBIDDEN = [
  '$schema',
  '$ref',
  '$defs',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'const',
  'propertyNames',
  'prefixItems',
  'uniqueItems',
];

describe.each(generated)('$fileName', ({ fileName, content }) => {
  const crd = parse(content) as CustomResourceDefinition;
  const version = crd.spec.versions[0]!;
  const root = version.schema.openAPIV3Schema;
  const nodes = [...walk(root, '')];

  it('equals the Helm chart copy in charts/budflow/crds/', () => {
    expect(content, `charts/budflow/crds/${fileName} is out of date: run \`npm run gen:crds\``).toBe(readCommitted(fileName, chartCrdsDir));
  });

  it('equals the committed file in crds/', () => {
    expect(content, `crds/${fileName} is out of date with runtime/src/spec: run \`npm run gen:crds\``).toBe(
      readCommitted(fileName),
    );
  });

  it('starts with the generated-file header', () => {
    expect(content.startsWith(CRD_FILE_HEADER)).toBe(true);
  });

  it('gives every node a type, or keeps unknown fields where the value is free-form', () => {
    const untyped = nodes.filter(
      ([, node]) => node.type === undefined && !node['x-kubernetes-preserve-unknown-fields'],
    );
    expect(untyped.map(([path]) => path)).toEqual([]);
  });

  it('describes every field for kubectl explain (metadata belongs to the apiserver)', () => {
    const undescribed = nodes.filter(
      ([path, node, isField]) => isField && path !== '.metadata' && !node.description,
    );
    expect(undescribed.map(([path]) => path)).toEqual([]);
  });

  it('has no keyword a structural schema forbids', () => {
    const offending = nodes.flatMap(([path, node]) => [
      ...FORBIDDEN.filter((keyword) => keyword in node).map((keyword) => `${path}: ${keyword}`),
      ...(node.properties && node.additionalProperties
        ? [`${path}: properties with additionalProperties`]
        : []),
      ...(typeof node.additionalProperties === 'boolean' ? [`${path}: boolean additionalProperties`] : []),
      ...(typeof node.exclusiveMinimum === 'number' ? [`${path}: numeric exclusiveMinimum`] : []),
    ]);
    expect(offending).toEqual([]);
  });

  it('leaves metadata to the apiserver', () => {
    expect(root.properties?.metadata).toEqual({ type: 'object' });
    expect(root.required).toEqual(['spec']);
  });

  it('is namespaced, in the budflow category, with the status subresource', () => {
    expect(crd.spec.scope).toBe('Namespaced');
    expect(crd.spec.names.categories).toEqual(['budflow']);
    expect(crd.metadata.name).toBe(`${crd.spec.names.plural}.budflow.io`);
    expect(version.subresources).toEqual({ status: {} });
    expect(version.additionalPrinterColumns.map((column) => column.name)).toContain('Age');
  });
});

describe('Workflow CRD', () => {
  const crd = parse(
    generated.find((f) => f.fileName === 'workflow.yaml')!.content,
  ) as CustomResourceDefinition;
  const spec = crd.spec.versions[0]!.schema.openAPIV3Schema.properties!.spec!;

  it('does not take Argo Workflows short name', () => {
    expect(crd.spec.names.shortNames).toEqual(['bfwf']);
  });

  it('makes the apiserver reject duplicate node names and duplicate edges', () => {
    expect(spec.properties?.nodes).toMatchObject({
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    });
    expect(spec.properties?.connections).toMatchObject({
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['from', 'output', 'to', 'input'],
    });
  });

  it('keeps node parameters free-form instead of pruning them', () => {
    const parameters = spec.properties?.nodes?.items?.properties?.parameters;
    expect(parameters).toMatchObject({
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
      default: {},
    });
  });

  it('shows Active, Valid and Ready', () => {
    const columns = crd.spec.versions[0]!.additionalPrinterColumns;
    expect(columns.filter((c) => !c.priority).map((c) => c.name)).toEqual([
      'Active',
      'Valid',
      'Ready',
      'Age',
    ]);
  });
});

describe('Execution CRD', () => {
  const crd = parse(
    generated.find((f) => f.fileName === 'execution.yaml')!.content,
  ) as CustomResourceDefinition;
  const version = crd.spec.versions[0]!;
  const spec = version.schema.openAPIV3Schema.properties!.spec!;
  const rules = (node: StructuralSchema | undefined) =>
    (node?.['x-kubernetes-validations'] ?? []).map((r) => r.rule);

  it.each(['workflowRef', 'workflowSnapshot', 'trigger', 'mode'])('makes spec.%s immutable', (field) => {
    expect(rules(spec.properties?.[field])).toEqual(['self == oldSelf']);
  });

  it('lets spec.cancel go from false to true only, and keeps a pinned snapshot', () => {
    expect(rules(spec)).toEqual([
      '!has(oldSelf.workflowSnapshot) || has(self.workflowSnapshot)',
      '!has(oldSelf.cancel) || !oldSelf.cancel || (has(self.cancel) && self.cancel)',
    ]);
  });

  it('validates the snapshot like a Workflow spec', () => {
    expect(spec.properties?.workflowSnapshot?.properties?.nodes).toMatchObject({
      'x-kubernetes-list-map-keys': ['name'],
    });
  });

  it('shows workflow, phase and times, and selects by workflow', () => {
    expect(version.additionalPrinterColumns.filter((c) => !c.priority)).toEqual([
      expect.objectContaining({ name: 'Workflow', jsonPath: '.spec.workflowRef.name' }),
      expect.objectContaining({ name: 'Phase', jsonPath: '.status.phase' }),
      expect.objectContaining({ name: 'Started', type: 'date', jsonPath: '.status.startedAt' }),
      expect.objectContaining({ name: 'Finished', type: 'date', jsonPath: '.status.finishedAt' }),
      expect.objectContaining({ name: 'Age', type: 'date' }),
    ]);
    expect(version.selectableFields).toEqual([{ jsonPath: '.spec.workflowRef.name' }]);
  });
});
