import { expect, it } from 'vitest';
import { jsonItems, outputsOf } from '../test-support/run-step.test-support.js';

it.each([
  ['one person by default', {}, 1, ['Jay Gatsby']],
  ['up to the limit', { operation: 'getAllPeople', limit: 2 }, 1, ['Jay Gatsby', 'José Arcadio Buendía']],
  ['everyone with returnAll, once per input item', { operation: 'getAllPeople', returnAll: true }, 2, 10],
])('returns %s', async (_name, parameters, inputCount, expected) => {
  const inputs = [jsonItems(...Array.from({ length: inputCount }, () => ({})))];
  const [people] = await outputsOf({ type: 'n8nTrainingCustomerDatastore', parameters, inputs });
  if (typeof expected === 'number') expect(people).toHaveLength(expected);
  else expect(people!.map((person) => person.name)).toEqual(expected);
});
