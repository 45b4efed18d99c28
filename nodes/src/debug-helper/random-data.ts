import { randomBytes } from 'node:crypto';
import type { JsonObject } from '@budflow/runtime';

/**
 * Fake data for DebugHelper's "Generate Random Data", with the fields n8n's generators produce. The same
 * seed gives the same data; the values are BudFlow's own (n8n uses the minifaker library), so a seeded run
 * does not reproduce n8n's values.
 */

export type Random = () => number;

/** A small seeded generator (mulberry32 over an FNV-1a hash of the seed); a random seed when empty. */
export function seededRandom(seed: string): Random {
  let state = 2166136261;
  const text = seed === '' ? randomBytes(8).toString('hex') : seed;
  for (let i = 0; i < text.length; i++) state = Math.imul(state ^ text.charCodeAt(i), 16777619);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Radia', 'Tim'];
const LAST_NAMES = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie'];
const STREETS = ['Main Street', 'Oak Avenue', 'Maple Road', 'Elm Street', 'Park Lane', 'Cedar Drive'];
const CITIES = ['Springfield', 'Riverside', 'Fairview', 'Madison', 'Georgetown', 'Salem'];
const STATES = ['California', 'Texas', 'New York', 'Oregon', 'Ohio', 'Vermont'];
const COUNTRIES = ['United States', 'Canada', 'Germany', 'France', 'Japan', 'Brazil'];
const DOMAINS = ['example.com', 'example.org', 'example.net'];

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const hex = (random: Random, length: number) =>
  Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
const digits = (random: Random, length: number) => Array.from({ length }, () => int(random, 0, 9)).join('');

function uuid(random: Random): string {
  const variant = (8 + Math.floor(random() * 4)).toString(16);
  return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${variant}${hex(random, 3)}-${hex(random, 12)}`;
}

function email(random: Random): string {
  return `${pick(random, FIRST_NAMES)}.${pick(random, LAST_NAMES)}${int(random, 1, 99)}@${pick(random, DOMAINS)}`.toLowerCase();
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export type Generator = (random: Random) => JsonObject;

export const GENERATORS: Record<string, Generator> = {
  user: (r) => ({
    uid: uuid(r),
    email: email(r),
    firstname: pick(r, FIRST_NAMES),
    lastname: pick(r, LAST_NAMES),
    password: hex(r, 12),
  }),
  email: (r) => ({ email: email(r), confirmed: r() < 0.5 }),
  address: (r) => ({
    firstname: pick(r, FIRST_NAMES),
    lastname: pick(r, LAST_NAMES),
    street: `${int(r, 1, 9999)} ${pick(r, STREETS)}`,
    city: pick(r, CITIES),
    zip: digits(r, 5),
    state: pick(r, STATES),
    country: pick(r, COUNTRIES),
  }),
  creditCard: (r) => ({
    type: r() < 0.5 ? 'MasterCard' : 'Visa',
    number: `4${digits(r, 15)}`,
    ccv: digits(r, 3),
    exp: `${pad2(int(r, 1, 12))}/${pad2(int(r, 1, 40))}`,
    holder_name: `${pick(r, FIRST_NAMES)} ${pick(r, LAST_NAMES)}`,
  }),
  uuid: (r) => ({ uuid: uuid(r) }),
  macAddress: (r) => ({ mac: Array.from({ length: 6 }, () => hex(r, 2)).join(':') }),
  ipv4: (r) => ({ ip: Array.from({ length: 4 }, () => int(r, 0, 255)).join('.') }),
  ipv6: (r) => ({ ipv6: Array.from({ length: 8 }, () => hex(r, 4)).join(':') }),
  latLong: (r) => ({ location: `${(r() * 180 - 90).toFixed(6)}, ${(r() * 360 - 180).toFixed(6)}` }),
  semver: (r) => ({ version: `${int(r, 0, 9)}.${int(r, 0, 20)}.${int(r, 0, 50)}` }),
  url: (r) => ({ url: `https://${pick(r, DOMAINS)}/${hex(r, 6)}` }),
};

/** A nanoid of `length` characters from `alphabet`. */
export function nanoid(random: Random, alphabet: string, length: number): JsonObject {
  const chars = Array.from(alphabet);
  return { nanoId: Array.from({ length }, () => pick(random, chars)).join('') };
}
