import { describe, expect, it } from 'vitest';
import {
  assertNatsToken,
  InvalidNatsNameError,
  isNatsToken,
  msgIdOf,
  natsNames,
  stepAdvisorySubjects,
} from './nats-names.js';

describe('natsNames', () => {
  const names = natsNames('budflow');

  it('derives streams, subjects, consumers and the bucket from the prefix', () => {
    expect(names).toMatchObject({
      stepsStream: 'BUDFLOW_STEPS',
      resultsStream: 'BUDFLOW_RESULTS',
      eventsStream: 'BUDFLOW_EVENTS',
      deadStream: 'BUDFLOW_DEAD',
      advisoriesStream: 'BUDFLOW_STEP_ADVISORIES',
      dataBucket: 'budflow-data',
      resultsConsumer: 'operator',
    });
    const uid = '6f1c2a9e-3b4d-4e5f-8a7b-0c1d2e3f4a5b';
    expect(names.stepsSubject('default')).toBe('budflow.steps.default');
    expect(names.resultsSubject(uid)).toBe(`budflow.results.${uid}`);
    expect(names.eventsSubject(uid)).toBe(`budflow.events.${uid}`);
    expect(names.deadSubject('gpu')).toBe('budflow.dead.gpu');
    expect(names.runnerConsumer('gpu')).toBe('runner-gpu');
    expect(stepAdvisorySubjects(names.stepsStream)).toEqual([
      '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.BUDFLOW_STEPS.*',
    ]);
  });

  it.each([
    ['a steps subject', 'budflow.steps.gpu', 'gpu'],
    ['another prefix', 'other.steps.gpu', undefined],
    ['a deeper subject', 'budflow.steps.gpu.x', undefined],
    ['a results subject', 'budflow.results.gpu', undefined],
  ])('poolOf: %s', (_name, subject, pool) => {
    expect(names.poolOf(subject)).toBe(pool);
  });

  it.each([
    ['upper case', 'BudFlow'],
    ['a dot', 'bud.flow'],
    ['a wildcard', 'bud*'],
    ['empty', ''],
  ])('refuses a prefix with %s', (_name, prefix) => {
    expect(() => natsNames(prefix)).toThrow(InvalidNatsNameError);
  });
});

describe('subject tokens', () => {
  it.each([
    ['a Kubernetes UID', '6f1c2a9e-3b4d-4e5f-8a7b-0c1d2e3f4a5b', true],
    ['a short id', 'ex_1', true],
    ['a dot', 'ns.name', false],
    ['a star', 'a*', false],
    ['a greater-than', 'a>', false],
    ['a space', 'a b', false],
    ['a slash', 'ns/name', false],
    ['empty', '', false],
    ['129 characters', 'a'.repeat(129), false],
  ])('%s', (_name, value, ok) => {
    expect(isNatsToken(value)).toBe(ok);
  });

  it('names what was wrong', () => {
    expect(() => natsNames('budflow').resultsSubject('default.my-run')).toThrow(
      `executionId "default.my-run" cannot be used in a NATS subject: letters, digits, '-' and '_' only, 1 to 128 characters`,
    );
    expect(() => assertNatsToken('pool', 'gpu>')).toThrow(/^pool "gpu>"/);
  });
});

describe('msgIdOf', () => {
  it.each([
    ['a plain step id', 'ex/Set Values/0/1', 'ex/Set Values/0/1'],
    ['a dedupe id', 'ex/created', 'ex/created'],
  ])('keeps %s', (_name, id, expected) => {
    expect(msgIdOf(id)).toBe(expected);
  });

  it.each([
    ['a line break', 'ex/Two\nLines/0/1'],
    ['a trailing space', 'ex/created '],
    ['non-ASCII', 'ex/Größe/0/1'],
    ['300 characters', 'x'.repeat(300)],
  ])('hashes an id with %s, deterministically', (_name, id) => {
    expect(msgIdOf(id)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(msgIdOf(id)).toBe(msgIdOf(id));
  });
});
