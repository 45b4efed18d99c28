import { param, parameters } from '@budflow/runtime';
import type { JsonObject, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { pairedWith } from '../shared/paired-items.js';

/** The fixed people of n8n's training datastore. */
const PEOPLE: readonly JsonObject[] = [
  {
    id: '23423532',
    name: 'Jay Gatsby',
    email: 'gatsby@west-egg.com',
    notes: 'Keeps asking about a green light??',
    country: 'US',
    created: '1925-04-10',
  },
  {
    id: '23423533',
    name: 'José Arcadio Buendía',
    email: 'jab@macondo.co',
    notes: 'Lots of people named after him. Very confusing',
    country: 'CO',
    created: '1967-05-05',
  },
  {
    id: '23423534',
    name: 'Max Sendak',
    email: 'info@in-and-out-of-weeks.org',
    notes: 'Keeps rolling his terrible eyes',
    country: 'US',
    created: '1963-04-09',
  },
  {
    id: '23423535',
    name: 'Zaphod Beeblebrox',
    email: 'captain@heartofgold.com',
    notes: 'Felt like I was talking to more than one person',
    country: null,
    created: '1979-10-12',
  },
  {
    id: '23423536',
    name: 'Edmund Pevensie',
    email: 'edmund@narnia.gov',
    notes: 'Passionate sailor',
    country: 'UK',
    created: '1950-10-16',
  },
];

const datastoreParameters = parameters({
  operation: param.options(['getOnePerson', 'getAllPeople']).default('getOnePerson'),
  returnAll: param.boolean().default(false),
  limit: param.number().default(5),
});

function peopleFor(ctx: NodeExecutionContext, itemIndex: number): readonly JsonObject[] {
  if (ctx.getParameter('operation', 0, 'getOnePerson') === 'getOnePerson') return PEOPLE.slice(0, 1);
  if (ctx.getParameter<boolean>('returnAll', itemIndex, false) === true) return PEOPLE;
  return PEOPLE.slice(0, Number(ctx.getParameter('limit', itemIndex, 5)));
}

/** Customer Datastore (n8n training): fixed sample people, for n8n's courses and node tests. */
export const n8nTrainingCustomerDatastore: NodeType = {
  type: 'n8nTrainingCustomerDatastore',
  n8nType: 'n8n-nodes-base.n8nTrainingCustomerDatastore',
  displayName: 'Customer Datastore (n8n training)',
  versions: [1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: () => datastoreParameters,
  execute: (ctx, inputs) => [
    (inputs[0] ?? []).flatMap((_, itemIndex) =>
      peopleFor(ctx, itemIndex).map((person) => ({ json: { ...person }, pairedItem: pairedWith(itemIndex) })),
    ),
  ],
};
