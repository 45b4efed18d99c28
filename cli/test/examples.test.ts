import { describe, expect, it } from 'vitest';
import { budflow } from './run-cli.test-support.js';

interface Doc {
  status: string;
  error: { message: string; node?: string } | null;
  runData: Record<string, Array<{ outputs: Array<Array<{ json: Record<string, unknown> }>> }>>;
}

async function run(...args: string[]): Promise<Doc> {
  const result = await budflow(['run', ...args, '--output', 'json']);
  expect(result.stderr).not.toMatch(/error/i);
  return JSON.parse(result.stdout) as Doc;
}
const out = (doc: Doc, node: string, output = 0) => doc.runData[node]?.at(-1)?.outputs[output]?.map((i) => i.json);

describe('examples/ really run', () => {
  it('hello-world greets the world, or the people given as input', async () => {
    expect(out(await run('examples/hello-world.yaml'), 'Greet')).toEqual([{ greeting: 'Hello, world!', nameLength: 5 }]);
    const doc = await run('examples/hello-world.yaml', '--input', 'examples/hello-world.input.json');
    expect(out(doc, 'Greet')).toEqual([
      { greeting: 'Hello, Ada!', nameLength: 3 },
      { greeting: 'Hello, Grace!', nameLength: 5 },
    ]);
  });

  it('branching splits with IF and merges both branches in v1 order', async () => {
    const doc = await run('examples/branching.yaml', '--input', 'examples/branching.input.json');
    expect(doc.status).toBe('success');
    expect(out(doc, 'Is it big?', 0)?.map((j) => j.name)).toEqual(['anvil', 'piano']);
    expect(out(doc, 'Is it big?', 1)?.map((j) => j.name)).toEqual(['feather', 'pebble']);
    expect(out(doc, 'All items')?.map((j) => `${j.name}:${j.size}`)).toEqual(['anvil:big', 'piano:big', 'feather:small', 'pebble:small']);
    expect(Object.keys(doc.runData)).toEqual(['Start', 'Is it big?', 'Tag big', 'Tag small', 'All items']);
  });

  it('code runs JavaScript over all items and per item', async () => {
    const doc = await run('examples/code.yaml');
    expect(out(doc, 'Fibonacci')?.map((j) => j.fib)).toEqual([0, 1, 1, 2, 3, 5, 8, 13]);
    expect(out(doc, 'Describe')?.[6]).toEqual({ n: 7, fib: 8, even: true, label: 'fib(7) = 8' });
  });

  it('pinned-data uses the pinned items in manual mode and runs the node in production mode', async () => {
    const doc = await run('examples/pinned-data.yaml');
    expect(out(doc, 'Greeting')).toEqual([{ message: 'Dear Ada, your plan is PRO' }, { message: 'Dear Linus, your plan is FREE' }]);
    const prod = await budflow(['run', 'examples/pinned-data.yaml', '--mode', 'production', '--output', 'json']);
    expect(prod.code).toBe(1);
    const failed = JSON.parse(prod.stdout) as Doc;
    expect(failed.status).toBe('error');
    expect(failed.error).toMatchObject({ node: 'Fetch customers', message: expect.stringContaining('pin its data') });
  });

  it('every example validates', async () => {
    const result = await budflow(['validate', 'examples/hello-world.yaml', 'examples/branching.yaml', 'examples/code.yaml', 'examples/pinned-data.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(4);
  });
});
