// Pure-JavaScript message digests for the string `hash()` extension: runtime/ must not import node:crypto.
// Round constants and initial values are derived at load time from the defining primes (fractional parts of
// square and cube roots), computed exactly with BigInt integer roots instead of being pasted in as tables.

const encoder = new TextEncoder();
const MASK32 = 0xffffffffn;
const MASK64 = 0xffffffffffffffffn;

/** Digest algorithms `hash()` supports (sha3 is not implemented). */
export type HashAlgorithm = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

const DIGESTS: Record<HashAlgorithm, (bytes: Uint8Array) => string> = {
  md5,
  sha1,
  sha224: (bytes) => sha256Family(bytes, SHA224_INIT, 7),
  sha256: (bytes) => sha256Family(bytes, SHA256_INIT, 8),
  sha384: (bytes) => sha512Family(bytes, SHA384_INIT, 6),
  sha512: (bytes) => sha512Family(bytes, SHA512_INIT, 8),
};

export function isHashAlgorithm(name: string): name is HashAlgorithm {
  return Object.hasOwn(DIGESTS, name);
}

/** Hex digest of the UTF-8 bytes of `text`. */
export function hashText(text: string, algorithm: HashAlgorithm): string {
  return DIGESTS[algorithm](encoder.encode(text));
}

function firstPrimes(count: number): bigint[] {
  const primes: bigint[] = [];
  for (let n = 2; primes.length < count; n++) {
    if (primes.every((p) => n % Number(p) !== 0)) primes.push(BigInt(n));
  }
  return primes;
}

/** floor(n ** (1/k)) by Newton's method on integers. */
function integerRoot(n: bigint, k: bigint): bigint {
  let x = 1n << (BigInt(n.toString(2).length) / k + 1n);
  for (;;) {
    const y = ((k - 1n) * x + n / x ** (k - 1n)) / k;
    if (y >= x) return x;
    x = y;
  }
}

/** The first `bits` bits of the fractional part of the k-th root of p. */
function rootFraction(p: bigint, k: bigint, bits: bigint): bigint {
  return integerRoot(p << (bits * k), k) & ((1n << bits) - 1n);
}

const PRIMES = firstPrimes(80);
const SHA256_K = PRIMES.slice(0, 64).map((p) => Number(rootFraction(p, 3n, 32n)));
const SHA256_INIT = PRIMES.slice(0, 8).map((p) => Number(rootFraction(p, 2n, 32n)));
// SHA-224 starts from the low 32 bits of the 64-bit fractions of the 9th..16th primes' square roots.
const SHA224_INIT = PRIMES.slice(8, 16).map((p) => Number(rootFraction(p, 2n, 64n) & MASK32));
const SHA512_K = PRIMES.map((p) => rootFraction(p, 3n, 64n));
const SHA512_INIT = PRIMES.slice(0, 8).map((p) => rootFraction(p, 2n, 64n));
const SHA384_INIT = PRIMES.slice(8, 16).map((p) => rootFraction(p, 2n, 64n));

const MD5_SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

/** Appends the 0x80 marker, zero padding and the bit length, in `lengthBytes` bytes. */
function pad(bytes: Uint8Array, blockSize: number, lengthBytes: number, littleEndian: boolean): Uint8Array {
  const total = Math.ceil((bytes.length + 1 + lengthBytes) / blockSize) * blockSize;
  const out = new Uint8Array(total);
  out.set(bytes);
  out[bytes.length] = 0x80;
  let bitLength = BigInt(bytes.length) * 8n;
  for (let i = 0; i < lengthBytes; i++) {
    const index = littleEndian ? total - lengthBytes + i : total - 1 - i;
    out[index] = Number(bitLength & 0xffn);
    bitLength >>= 8n;
  }
  return out;
}

const rotl32 = (x: number, n: number): number => (x << n) | (x >>> (32 - n));
const rotr32 = (x: number, n: number): number => (x >>> n) | (x << (32 - n));
const rotr64 = (x: bigint, n: bigint): bigint => ((x >> n) | (x << (64n - n))) & MASK64;

function wordsHex(words: number[], littleEndian: boolean): string {
  return words
    .map((word) => {
      const hex = (word >>> 0).toString(16).padStart(8, '0');
      return littleEndian ? (hex.match(/../g) ?? []).reverse().join('') : hex;
    })
    .join('');
}

function md5(input: Uint8Array): string {
  const bytes = pad(input, 64, 8, true);
  const view = new DataView(bytes.buffer);
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let block = 0; block < bytes.length; block += 64) {
    const m = Array.from({ length: 16 }, (_, i) => view.getUint32(block + i * 4, true));
    let [a, b, c, d] = state as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      let f: number;
      let g: number;
      if (round === 0) [f, g] = [(b & c) | (~b & d), i];
      else if (round === 1) [f, g] = [(d & b) | (~d & c), (5 * i + 1) % 16];
      else if (round === 2) [f, g] = [b ^ c ^ d, (3 * i + 5) % 16];
      else [f, g] = [c ^ (b | ~d), (7 * i) % 16];
      const sum = (f + a + (MD5_K[i] ?? 0) + (m[g] ?? 0)) | 0;
      [a, d, c] = [d, c, b];
      b = (b + rotl32(sum, MD5_SHIFTS[(round << 2) | (i & 3)] ?? 0)) | 0;
    }
    state[0] = ((state[0] ?? 0) + a) | 0;
    state[1] = ((state[1] ?? 0) + b) | 0;
    state[2] = ((state[2] ?? 0) + c) | 0;
    state[3] = ((state[3] ?? 0) + d) | 0;
  }
  return wordsHex(state, true);
}

function sha1(input: Uint8Array): string {
  const bytes = pad(input, 64, 8, false);
  const view = new DataView(bytes.buffer);
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Array<number>(80).fill(0);
  for (let block = 0; block < bytes.length; block += 64) {
    for (let t = 0; t < 80; t++) {
      w[t] =
        t < 16
          ? view.getUint32(block + t * 4)
          : rotl32((w[t - 3] ?? 0) ^ (w[t - 8] ?? 0) ^ (w[t - 14] ?? 0) ^ (w[t - 16] ?? 0), 1);
    }
    let [a, b, c, d, e] = state as [number, number, number, number, number];
    for (let t = 0; t < 80; t++) {
      let f: number;
      let k: number;
      if (t < 20) [f, k] = [(b & c) | (~b & d), 0x5a827999];
      else if (t < 40) [f, k] = [b ^ c ^ d, 0x6ed9eba1];
      else if (t < 60) [f, k] = [(b & c) | (b & d) | (c & d), 0x8f1bbcdc];
      else [f, k] = [b ^ c ^ d, 0xca62c1d6];
      const temp = (rotl32(a, 5) + f + e + k + (w[t] ?? 0)) | 0;
      [e, d, c, b, a] = [d, c, rotl32(b, 30), a, temp];
    }
    [a, b, c, d, e].forEach((value, i) => (state[i] = ((state[i] ?? 0) + value) | 0));
  }
  return wordsHex(state, false);
}

function sha256Family(input: Uint8Array, init: number[], outputWords: number): string {
  const bytes = pad(input, 64, 8, false);
  const view = new DataView(bytes.buffer);
  const state = [...init];
  const w = new Array<number>(64).fill(0);
  for (let block = 0; block < bytes.length; block += 64) {
    for (let t = 0; t < 64; t++) {
      if (t < 16) {
        w[t] = view.getUint32(block + t * 4);
        continue;
      }
      const w15 = w[t - 15] ?? 0;
      const w2 = w[t - 2] ?? 0;
      const s0 = rotr32(w15, 7) ^ rotr32(w15, 18) ^ (w15 >>> 3);
      const s1 = rotr32(w2, 17) ^ rotr32(w2, 19) ^ (w2 >>> 10);
      w[t] = ((w[t - 16] ?? 0) + s0 + (w[t - 7] ?? 0) + s1) | 0;
    }
    let [a, b, c, d, e, f, g, h] = state as [number, number, number, number, number, number, number, number];
    for (let t = 0; t < 64; t++) {
      const s1 = rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25);
      const choice = (e & f) ^ (~e & g);
      const t1 = (h + s1 + choice + (SHA256_K[t] ?? 0) + (w[t] ?? 0)) | 0;
      const s0 = rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22);
      const majority = (a & b) ^ (a & c) ^ (b & c);
      [h, g, f, e, d, c, b, a] = [g, f, e, (d + t1) | 0, c, b, a, (t1 + s0 + majority) | 0];
    }
    [a, b, c, d, e, f, g, h].forEach((value, i) => (state[i] = ((state[i] ?? 0) + value) | 0));
  }
  return wordsHex(state.slice(0, outputWords), false);
}

function sha512Family(input: Uint8Array, init: bigint[], outputWords: number): string {
  const bytes = pad(input, 128, 16, false);
  const view = new DataView(bytes.buffer);
  const state = [...init];
  const w = new Array<bigint>(80).fill(0n);
  for (let block = 0; block < bytes.length; block += 128) {
    for (let t = 0; t < 80; t++) {
      if (t < 16) {
        w[t] = view.getBigUint64(block + t * 8);
        continue;
      }
      const w15 = w[t - 15] ?? 0n;
      const w2 = w[t - 2] ?? 0n;
      const s0 = rotr64(w15, 1n) ^ rotr64(w15, 8n) ^ (w15 >> 7n);
      const s1 = rotr64(w2, 19n) ^ rotr64(w2, 61n) ^ (w2 >> 6n);
      w[t] = ((w[t - 16] ?? 0n) + s0 + (w[t - 7] ?? 0n) + s1) & MASK64;
    }
    let [a, b, c, d, e, f, g, h] = state as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
    for (let t = 0; t < 80; t++) {
      const s1 = rotr64(e, 14n) ^ rotr64(e, 18n) ^ rotr64(e, 41n);
      const choice = (e & f) ^ (~e & MASK64 & g);
      const t1 = (h + s1 + choice + (SHA512_K[t] ?? 0n) + (w[t] ?? 0n)) & MASK64;
      const s0 = rotr64(a, 28n) ^ rotr64(a, 34n) ^ rotr64(a, 39n);
      const majority = (a & b) ^ (a & c) ^ (b & c);
      [h, g, f, e, d, c, b, a] = [g, f, e, (d + t1) & MASK64, c, b, a, (t1 + s0 + majority) & MASK64];
    }
    [a, b, c, d, e, f, g, h].forEach((value, i) => (state[i] = ((state[i] ?? 0n) + value) & MASK64));
  }
  return state
    .slice(0, outputWords)
    .map((word) => word.toString(16).padStart(16, '0'))
    .join('');
}
