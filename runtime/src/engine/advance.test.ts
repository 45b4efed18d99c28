import { describe, expect, it } from 'vitest';
import { advance } from './advance.js';
import { createExecution } from './create-execution.js';
import { items, runScripted, spec, testRegistry } from './engine.test-support.js';
import type { Behaviour } from './engine.test-support.js';

const fail = (message: string) => ({ error: { name: 'NodeOperationError', message } });

describe('v1 execution order', () => {
  it('runs a chain and passes items along', () => {
    // T ──► A ──► B
    const run = runScripted(
      spec(
        [
          ['T', 'trigger'],
          ['A', 'pass'],
          ['B', 'pass'],
        ],
        ['T>A', 'A>B'],
      ),
      undefined,
      {
        triggerItems: items(1, 2),
      },
    );
    expect(run.order).toEqual(['T', 'A', 'B']);
    expect(run.state.status).toBe('success');
    expect(run.output('B')).toEqual([{ v: 1 }, { v: 2 }]);
    expect(run.commands.at(-1)).toEqual({ type: 'finishExecution', status: 'success' });
  });

  //        ┌──► Top ──► Top2      (y = 0)
  //  T ────┤
  //        └──► Low ──► Low2      (y = 200)
  it.each([
    ['top branch first', 0, 200, ['T', 'Top', 'Top2', 'Low', 'Low2']],
    ['positions decide, not declaration', 200, 0, ['T', 'Low', 'Low2', 'Top', 'Top2']],
  ])('runs each branch to completion: %s', (_name, topY, lowY, expected) => {
    const s = spec(
      [
        ['T', 'trigger'],
        ['Top', 'pass', { position: [200, topY] }],
        ['Top2', 'pass', { position: [400, topY] }],
        ['Low', 'pass', { position: [200, lowY] }],
        ['Low2', 'pass', { position: [400, lowY] }],
      ],
      ['T>Top', 'T>Low', 'Top>Top2', 'Low>Low2'],
    );
    expect(runScripted(s).order).toEqual(expected);
  });

  it('runs breadth-first in legacy v0 order', () => {
    const s = spec(
      [
        ['T', 'trigger'],
        ['A', 'pass'],
        ['B', 'pass'],
        ['A2', 'pass'],
        ['B2', 'pass'],
      ],
      ['T>A', 'T>B', 'A>A2', 'B>B2'],
      {
        settings: { executionOrder: 'v0' },
      },
    );
    expect(runScripted(s).order).toEqual(['T', 'A', 'B', 'A2', 'B2']);
  });

  //  T ──► A ──► J (input 0)
  //        Root ──► J (input 1)      Root has no inputs and is not connected to the trigger
  it.each([
    ['v0 runs the unconnected root feeding the other input', 'v0', ['T', 'A', 'Root', 'J']],
    ['v1 does not', 'v1', ['T', 'A', 'J']],
  ] as const)('%s', (_name, order, expected) => {
    const s = spec([['T', 'trigger'], ['A', 'pass'], ['Root', 'pass'], ['J', 'join']], ['T>A', 'A>J:0', 'Root>J:1'], {
      settings: { executionOrder: order },
    });
    expect(runScripted(s).order).toEqual(expected);
  });

  //  T ──► A ──► J (input 0)
  //  └───► B ──► J (input 1)
  it('runs a two-input node once, after both inputs are settled', () => {
    const s = spec(
      [
        ['T', 'trigger'],
        ['A', 'pass'],
        ['B', 'pass'],
        ['J', 'join'],
      ],
      ['T>A', 'T>B', 'A>J:0', 'B>J:1'],
    );
    const behaviour: Behaviour = (job) =>
      job.node.name === 'A'
        ? { outputs: [items(1)] }
        : job.node.name === 'B'
          ? { outputs: [items(2, 3)] }
          : { outputs: [job.inputs.flat()] };
    const run = runScripted(s, behaviour);
    expect(run.order).toEqual(['T', 'A', 'B', 'J']);
    const joinJob = run.jobs.find((j) => j.node.name === 'J')!;
    expect(joinJob.inputs.map((i) => i.length)).toEqual([1, 2]);
    expect(joinJob.source.map((s) => s?.previousNode)).toEqual(['A', 'B']);
  });

  //  T ──► IF ─true──► X
  //        └─false──► J (input 1)      A ──► J (input 0) is never fed
  it('does not run a node whose input got no items, and settles a join with the inputs it has', () => {
    const s = spec(
      [
        ['T', 'trigger'],
        ['IF', 'branch'],
        ['X', 'pass'],
        ['J', 'join'],
      ],
      ['T>IF', 'IF:0>X', 'IF:0>J:0', 'IF:1>J:1'],
    );
    const run = runScripted(s, (job) =>
      job.node.name === 'IF' ? { outputs: [[], items(7)] } : { outputs: [job.inputs.flat()] },
    );
    expect(run.order).toEqual(['T', 'IF', 'J']);
    expect(run.jobs.at(-1)!.inputs).toEqual([[], items(7)]);
    expect(run.state.status).toBe('success');
  });

  //  T ──► Loop ─1──► Work ──┐
  //         ▲                │
  //         └────────────────┘
  //        Loop ─0──► Done
  it('runs a loop until the loop node takes its done output', () => {
    const s = spec(
      [
        ['T', 'trigger'],
        ['Loop', 'loop'],
        ['Work', 'pass'],
        ['Done', 'pass'],
      ],
      ['T>Loop', 'Loop:1>Work', 'Work>Loop', 'Loop:0>Done'],
    );
    const run = runScripted(s, (job) => {
      if (job.node.name !== 'Loop') return { outputs: [job.inputs[0]!] };
      const round = Number(job.nodeContext.round ?? 0);
      return round < 3
        ? { outputs: [[], items(round)], nodeContext: { round: round + 1 } }
        : { outputs: [items(99), []], nodeContext: { round } };
    });
    expect(run.order).toEqual(['T', 'Loop', 'Work', 'Loop', 'Work', 'Loop', 'Work', 'Loop', 'Done']);
    expect(run.state.runData.Loop).toHaveLength(4);
    expect(run.jobs.filter((j) => j.node.name === 'Loop').map((j) => j.runIndex)).toEqual([0, 1, 2, 3]);
    expect(run.output('Done')).toEqual([{ v: 99 }]);
  });
});

describe('node settings', () => {
  const chain = (extra: object) =>
    spec(
      [
        ['T', 'trigger'],
        ['A', 'pass', extra],
        ['B', 'pass'],
        ['E', 'pass'],
      ],
      ['T>A', 'A>B', 'A:1>E'],
    );

  it('retries a failing node after waitBetweenTries and succeeds', () => {
    let calls = 0;
    const run = runScripted(chain({ retryOnFail: true, maxTries: 3, waitBetweenTries: 250 }), (job) =>
      job.node.name === 'A' && ++calls < 3 ? fail('flaky') : { outputs: [job.inputs[0]!] },
    );
    expect(run.jobs.filter((j) => j.node.name === 'A').map((j) => j.attempt)).toEqual([1, 2, 3]);
    const timers = run.commands.filter((c) => c.type === 'startTimer');
    expect(timers).toHaveLength(2);
    expect(run.state.status).toBe('success');
    expect(run.state.runData.A).toHaveLength(1);
  });

  it('fails the execution with the node named once retries are exhausted', () => {
    const run = runScripted(chain({ retryOnFail: true, maxTries: 2, waitBetweenTries: 0 }), (job) =>
      job.node.name === 'A' ? fail('always broken') : { outputs: [job.inputs[0]!] },
    );
    expect(run.jobs.filter((j) => j.node.name === 'A')).toHaveLength(2);
    expect(run.state.status).toBe('error');
    expect(run.state.error).toMatchObject({ node: 'A', message: 'always broken' });
    expect(run.state.runData.A![0]!.executionStatus).toBe('error');
    expect(run.order).not.toContain('B');
  });

  it.each([
    ['stopWorkflow', 'error', [] as string[]],
    ['continueRegularOutput', 'success', ['B']],
    ['continueErrorOutput', 'success', ['E']],
  ])('onError %s', (onError, status, after) => {
    const s = spec(
      [
        ['T', 'trigger'],
        ['A', 'pass', { onError: onError as 'stopWorkflow' }],
        ['B', 'pass'],
        ['E', 'pass'],
      ],
      ['T>A', 'A>B', ...(onError === 'continueErrorOutput' ? ['A:1>E'] : [])],
    );
    const run = runScripted(
      s,
      (job) => (job.node.name === 'A' ? fail('boom') : { outputs: [job.inputs[0]!] }),
      { triggerItems: items(1) },
    );
    expect(run.state.status).toBe(status);
    expect(run.order.slice(2)).toEqual(after);
    if (onError === 'continueRegularOutput') expect(run.output('B')).toEqual([{ v: 1 }]);
    if (onError === 'continueErrorOutput') expect(run.output('E')).toEqual([{ error: 'boom' }]);
  });

  it('outputs one empty item with alwaysOutputData', () => {
    const s = spec(
      [
        ['T', 'trigger'],
        ['A', 'pass', { alwaysOutputData: true }],
        ['B', 'pass'],
      ],
      ['T>A', 'A>B'],
    );
    const run = runScripted(s, (job) =>
      job.node.name === 'A' ? { outputs: [[]] } : { outputs: [job.inputs[0]!] },
    );
    expect(run.order).toEqual(['T', 'A', 'B']);
    expect(run.output('B')).toEqual([{}]);
  });

  it('gives only the first item with executeOnce', () => {
    const s = spec(
      [
        ['T', 'trigger'],
        ['A', 'pass', { executeOnce: true }],
      ],
      ['T>A'],
    );
    const run = runScripted(s, undefined, { triggerItems: items(1, 2, 3) });
    expect(run.jobs[1]!.inputs).toEqual([items(1)]);
  });

  it('passes items through a disabled node without running it', () => {
    const s = spec(
      [
        ['T', 'trigger'],
        ['A', 'pass', { disabled: true }],
        ['B', 'pass'],
      ],
      ['T>A', 'A>B'],
    );
    const run = runScripted(s, undefined, { triggerItems: items(4) });
    expect(run.order).toEqual(['T', 'B']);
    expect(run.output('A')).toEqual([{ v: 4 }]);
  });

  it.each([
    ['manual', ['T', 'B'], [{ pinned: 1 }]],
    ['production', ['T', 'A', 'B'], [{}]],
  ] as const)('uses pinned data instead of running the node in %s mode', (mode, order, out) => {
    const s = spec(
      [
        ['T', 'trigger'],
        ['A', 'pass'],
        ['B', 'pass'],
      ],
      ['T>A', 'A>B'],
      { pinData: { A: [{ pinned: 1 }] } },
    );
    const run = runScripted(s, undefined, { mode });
    expect(run.order).toEqual(order);
    expect(run.output('B')).toEqual(out);
  });
});

describe('waiting (Wait node)', () => {
  const s = spec(
    [
      ['T', 'trigger'],
      ['W', 'pass'],
      ['After', 'pass'],
    ],
    ['T>W', 'W>After'],
  );
  const waitWith =
    (wait: { until?: number }): Behaviour =>
    (job) =>
      job.node.name === 'W' ? { outputs: [items(5)], wait } : { outputs: [job.inputs[0]!] };

  it('waits until the time the node asked for, then goes on with its items', () => {
    const run = runScripted(s, waitWith({ until: 60_000 }));
    expect(run.commands).toContainEqual({ type: 'executionWaiting', node: 'W', until: 60_000 });
    expect(run.commands).toContainEqual({ type: 'startTimer', timerId: 'wait/ex1/W/0/1', fireAt: 60_000 });
    expect(run.state.status).toBe('success');
    expect(run.output('After')).toEqual([{ v: 5 }]);
  });

  it('waits for a resume when no time is given, and takes the resume items', () => {
    const waiting = runScripted(s, waitWith({}));
    expect(waiting.state.status).toBe('waiting');
    expect(waiting.order).toEqual(['T', 'W']);
    const resumed = runScripted(s, waitWith({}), {
      afterStart: [{ type: 'resumeRequested', at: 9_000, items: items(8) }],
    });
    expect(resumed.state.status).toBe('success');
    expect(resumed.output('After')).toEqual([{ v: 8 }]);
  });

  it('can be cancelled while waiting', () => {
    const run = runScripted(s, waitWith({ until: 99_000 }), {
      afterStart: [{ type: 'cancelRequested', at: 2_000 }],
    });
    expect(run.state.status).toBe('canceled');
    expect(run.commands).toContainEqual({ type: 'cancelTimer', timerId: 'wait/ex1/W/0/1' });
    expect(run.order).toEqual(['T', 'W']);
  });
});

describe('execution control', () => {
  it('fails a workflow that runs past its timeout and cancels the running step', () => {
    const s = spec(
      [
        ['T', 'trigger'],
        ['A', 'pass'],
      ],
      ['T>A'],
      { settings: { executionOrder: 'v1', timeout: 2 } },
    );
    const run = runScripted(s, (job) => (job.node.name === 'A' ? 'hang' : { outputs: [job.inputs[0]!] }));
    expect(run.state.status).toBe('error');
    expect(run.state.error).toMatchObject({
      reason: 'timeout',
      node: 'A',
      message: "workflow 'wf' timed out after 2s",
    });
    expect(run.commands).toContainEqual({ type: 'cancelStep', stepId: 'ex1/A/0/1' });
  });

  it('cancels: the running step is stopped and the execution ends cancelled', () => {
    const s = spec(
      [
        ['T', 'trigger'],
        ['A', 'pass'],
        ['B', 'pass'],
      ],
      ['T>A', 'A>B'],
    );
    const run = runScripted(s, (job) => (job.node.name === 'A' ? 'hang' : { outputs: [job.inputs[0]!] }), {
      afterStart: [{ type: 'cancelRequested', at: 2_000 }],
    });
    expect(run.state.status).toBe('canceled');
    expect(run.order).toEqual(['T', 'A']);
    expect(run.commands.filter((c) => c.type === 'cancelStep')).toHaveLength(1);
  });

  it('ignores a late or repeated step result', () => {
    const s = spec(
      [
        ['T', 'trigger'],
        ['A', 'pass'],
      ],
      ['T>A'],
    );
    const run = runScripted(s, undefined, {
      afterStart: [{ type: 'stepSucceeded', at: 5_000, stepId: 'ex1/T/0/1', outputs: [items(666)] }],
    });
    expect(run.state.runData.T).toHaveLength(1);
    expect(run.state.status).toBe('success');
  });

  //  T ──► A ──► Dest ──► After
  //  └───► Other
  it('runs only what the destination node needs', () => {
    const s = spec(
      [
        ['T', 'trigger'],
        ['A', 'pass'],
        ['Dest', 'pass'],
        ['After', 'pass'],
        ['Other', 'pass'],
      ],
      ['T>A', 'A>Dest', 'Dest>After', 'T>Other'],
    );
    expect(runScripted(s, undefined, { destinationNode: 'Dest' }).order).toEqual(['T', 'A', 'Dest']);
  });

  it('is pure: the state given to advance is not modified', () => {
    const s = spec(
      [
        ['T', 'trigger'],
        ['A', 'pass'],
      ],
      ['T>A'],
    );
    const state = createExecution({ executionId: 'x', workflowName: 'wf', spec: s, registry: testRegistry });
    const started = advance(state, { type: 'executionStarted', at: 1 }).state;
    const snapshot = JSON.stringify(started);
    const stepId = started.current!.stepId;
    const a = advance(started, { type: 'stepSucceeded', at: 2, stepId, outputs: [items(1)] });
    const b = advance(started, { type: 'stepSucceeded', at: 2, stepId, outputs: [items(1)] });
    expect(JSON.stringify(started)).toBe(snapshot);
    expect(a).toEqual(b);
  });
});

describe('run data sent with a step', () => {
  it.each([
    ['a node without references gets none', { type: 'pass', parameters: { value: '={{ $json.a }}' } }, []],
    ["a node whose expression uses $('A') gets its ancestors'", { type: 'pass', parameters: { value: "={{ $('A').item.json.v }}" } }, ['A', 'T']],
    ['a node using $node gets them too', { type: 'pass', parameters: { value: '={{ $node["A"].json.v }}' } }, ['A', 'T']],
  ])('%s', (_name, extra, expected) => {
    const s = spec([['T', 'trigger'], ['A', 'pass'], ['B', 'pass', extra as never]], ['T>A', 'A>B']);
    const run = runScripted(s, undefined, { triggerItems: items(1) });
    expect(Object.keys(run.jobs.find((j) => j.node.name === 'B')!.runData).sort()).toEqual(expected);
  });
});
