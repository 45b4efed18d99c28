import { describe, expect, it } from 'vitest';
import {
  findCondition,
  isConditionTrue,
  removeCondition,
  setCondition,
  type Condition,
} from './conditions.js';

const T0 = Date.UTC(2026, 10, 27, 4, 0, 0, 123);
const T1 = T0 + 60_000;
const valid: Condition = {
  type: 'Valid',
  status: 'True',
  reason: 'Validated',
  message: 'ok',
  observedGeneration: 1,
  lastTransitionTime: '2026-11-27T04:00:00Z',
};

describe('setCondition', () => {
  it.each([
    {
      name: 'adds a new condition stamped with now (whole seconds)',
      before: [],
      update: { type: 'Valid', status: 'True', reason: 'Validated', message: 'ok', observedGeneration: 1 },
      after: [valid],
      at: T0,
    },
    {
      name: 'keeps lastTransitionTime when the status stays, taking the new reason, message and generation',
      before: [valid],
      update: { type: 'Valid', status: 'True', reason: 'StillValid', message: 'fine', observedGeneration: 2 },
      after: [{ ...valid, reason: 'StillValid', message: 'fine', observedGeneration: 2 }],
      at: T1,
    },
    {
      name: 'moves lastTransitionTime when the status changes',
      before: [valid],
      update: {
        type: 'Valid',
        status: 'False',
        reason: 'UnknownNodeType',
        message: 'node "x": no type "y"',
        observedGeneration: 2,
      },
      after: [
        {
          type: 'Valid',
          status: 'False',
          reason: 'UnknownNodeType',
          message: 'node "x": no type "y"',
          observedGeneration: 2,
          lastTransitionTime: '2026-11-27T04:01:00Z',
        },
      ],
      at: T1,
    },
    {
      name: 'keeps the place of other conditions',
      before: [valid, { type: 'Ready', status: 'Unknown' } as Condition],
      update: { type: 'Valid', status: 'True', reason: 'Validated', message: 'ok', observedGeneration: 1 },
      after: [valid, { type: 'Ready', status: 'Unknown' }],
      at: T1,
    },
  ] satisfies {
    name: string;
    before: Condition[];
    update: Omit<Condition, 'lastTransitionTime'>;
    after: Condition[];
    at: number;
  }[])('$name', ({ before, update, after, at }) => {
    expect(setCondition(before, update, at)).toEqual(after);
  });

  it('returns the same list when nothing changes, so the status write can be skipped', () => {
    const list = [valid];
    expect(setCondition(list, { ...valid }, T1)).toBe(list);
  });

  it('does not mutate its input', () => {
    const list = [valid];
    setCondition(list, { ...valid, status: 'False' }, T1);
    expect(list).toEqual([valid]);
  });
});

describe('findCondition / isConditionTrue / removeCondition', () => {
  it('reads and removes by type', () => {
    const list = [valid, { type: 'Ready', status: 'False' } as Condition];
    expect(findCondition(list, 'Ready')?.status).toBe('False');
    expect(isConditionTrue(list, 'Valid')).toBe(true);
    expect(isConditionTrue(list, 'Ready')).toBe(false);
    expect(isConditionTrue(undefined, 'Valid')).toBe(false);
    expect(removeCondition(list, 'Valid')).toEqual([{ type: 'Ready', status: 'False' }]);
    expect(removeCondition(list, 'Missing')).toBe(list);
  });
});
