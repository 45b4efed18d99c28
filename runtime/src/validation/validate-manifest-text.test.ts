import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { NodeTypeRegistry } from '../node-type.js';
import { param, parameters } from '../params.js';
import { testRegistry } from '../engine/engine.test-support.js';
import { validateManifestText } from './validate-manifest-text.js';
import { formatProblem } from './problem.js';

const typed = {
  ...testRegistry.get('pass')!,
  type: 'typed',
  versions: [1, 2],
  parameters: () =>
    parameters({
      count: param.number().default(1),
      mode: param.options(['a', 'b']).default('a'),
      rules: z.object({ values: z.array(z.object({ value: param.number() })) }).optional(),
    }) as unknown as z.ZodType<Record<string, unknown>>,
};
const registry: NodeTypeRegistry = {
  get: (t) => (t === 'typed' ? typed : testRegistry.get(t)),
  byN8nType: () => undefined,
  list: () => [...testRegistry.list(), typed],
};

const header = 'apiVersion: budflow.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: demo\nspec:\n';
const ok = `${header}  nodes:
    - { name: Start, type: trigger }
    - { name: A, type: typed, parameters: { count: 2 } }
  connections:
    - { from: Start, to: A }
`;

describe('validateManifestText', () => {
  it('accepts a good manifest and fills defaults', () => {
    const { workflows, problems } = validateManifestText(ok, registry);
    expect(problems).toEqual([]);
    expect(workflows[0]!.spec.nodes[1]!.typeVersion).toBe(1);
    expect(workflows[0]!.spec.connections[0]).toEqual({ from: 'Start', output: 0, to: 'A', input: 0 });
  });

  it.each([
    ['YAML syntax', `${header}  nodes: []\n  nodes: []\n`, '', /YAML syntax error: Map keys must be unique$/, 7],
    ['not a mapping', '- just\n- a list\n', '', /expected a Workflow manifest/],
    ['wrong apiVersion', ok.replace('budflow.io/v1alpha1', 'budflow.io/v1'), 'apiVersion', /budflow\.io\/v1alpha1/, 1],
    ['wrong kind', ok.replace('kind: Workflow', 'kind: Pipeline'), 'kind', /expected kind Workflow/, 2],
    ['missing name', ok.replace('  name: demo\n', '  labels: {}\n'), 'metadata.name', /expected string/],
    ['no nodes', `${header}  nodes: []\n`, 'spec.nodes', /too small|at least/i],
    ['unknown field on a node', ok.replace('type: typed,', 'type: typed, paramters: {},'), 'spec.nodes[1]', /unknown field.*paramters/],
    ['unknown node type', ok.replace('type: typed', 'type: typd'), 'spec.nodes[1].type', /unknown node type 'typd' \(did you mean 'typed'\?\)/, 8],
    ['unknown typeVersion', ok.replace('type: typed,', 'type: typed, typeVersion: 7,'), 'spec.nodes[1].typeVersion', /no typeVersion 7 \(supported: 1, 2\)/],
    ['duplicate node name', ok.replace('name: A,', 'name: Start,').replace('to: A', 'to: Start'), 'spec.nodes[1].name', /duplicate node name 'Start'/],
    ['parameter of the wrong type', ok.replace('count: 2', 'count: many'), 'spec.nodes[1].parameters.count', /node 'A'/],
    ['parameter option not allowed', ok.replace('count: 2', 'mode: c'), 'spec.nodes[1].parameters.mode', /node 'A'/],
    ['nested parameter path', ok.replace('count: 2', 'rules: { values: [ { value: x } ] }'), 'spec.nodes[1].parameters.rules.values[0].value', /node 'A'/],
    ['expression syntax', ok.replace('count: 2', "count: '={{ $json.a + }}'"), 'spec.nodes[1].parameters.count', /invalid expression/],
    ['edge from a missing node', ok.replace('from: Start', 'from: Strat'), 'spec.connections[0].from', /unknown node 'Strat' \(did you mean 'Start'\?\)/],
    ['edge to a missing node', ok.replace('to: A', 'to: B'), 'spec.connections[0].to', /connection to unknown node 'B'/],
    ['output out of range', ok.replace('from: Start,', 'from: Start, output: 3,'), 'spec.connections[0].output', /has 1 output \(0..0\), not output 3/],
    ['input out of range', ok.replace('to: A }', 'to: A, input: 2 }'), 'spec.connections[0].input', /has 1 input \(0..0\), not input 2/],
    ['negative index', ok.replace('to: A }', 'to: A, input: -1 }'), 'spec.connections[0].input', /too small|>=0/],
    [
      'cycle without a loop node',
      ok.replace('type: typed', 'type: pass').replace('    - { from: Start, to: A }\n', '    - { from: Start, to: A }\n    - { from: A, to: A }\n'),
      'spec.connections',
      /cycle 'A' → 'A' does not pass through a loop node/,
    ],
    ['pinned data for a missing node', `${ok}  pinData:\n    Nope: [ { a: 1 } ]\n`, 'spec.pinData.Nope', /pinned data for unknown node 'Nope'/],
    ['settings typo', `${ok}  settings: { timout: 5 }\n`, 'spec.settings', /unknown field.*timout/],
    ['bad onError', ok.replace('type: typed,', 'type: typed, onError: ignore,'), 'spec.nodes[1].onError', /stopWorkflow/],
    ['empty file', '', '', /holds no manifest/],
    ['bad memory quantity', ok.replace('type: typed,', 'type: typed, resources: { limits: { memory: 2GB } },'), 'spec.nodes[1].resources.limits.memory', /'2GB' is not a Kubernetes quantity/],
  ])('reports %s', (_name, text, path, message, line?: number) => {
    const { problems } = validateManifestText(text, registry);
    expect(problems.length).toBeGreaterThan(0);
    const problem = problems.find((p) => p.path === path) ?? problems[0]!;
    expect(problem.path).toBe(path);
    expect(problem.message).toMatch(message);
    if (line !== undefined) expect(problem.line).toBe(line);
    expect(formatProblem(problem, 'wf.yaml')).toContain(path);
  });

  it('leaves documents of other APIs alone, but not a wrong budflow.io kind', () => {
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: hmac\nstringData: { secret: s }\n';
    const { workflows, problems, skipped } = validateManifestText(`${ok}---\n${secret}`, registry);
    expect(problems).toEqual([]);
    expect(workflows).toHaveLength(1);
    expect(skipped).toEqual(['Secret/hmac']);
    expect(validateManifestText(ok.replace('kind: Workflow', 'kind: Workflw'), registry).problems[0]!.message).toMatch(/expected kind Workflow/);
  });

  it('reports every problem at once, each with its line', () => {
    const text = ok.replace('type: typed', 'type: nope').replace('to: A', 'to: Z');
    const { problems } = validateManifestText(text, registry);
    expect(problems.map((p) => [p.path, p.line])).toEqual([
      ['spec.nodes[1].type', 8],
      ['spec.connections[0].to', 10],
    ]);
    expect(problems[0]!.message).toMatch(/^workflow 'demo': node 'A': unknown node type 'nope'/);
  });
});
