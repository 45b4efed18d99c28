import { describe, expect, it } from 'vitest';

import { hashText } from './hash.js';
import type { HashAlgorithm } from './hash.js';

// Reference digests: the FIPS 180-4 / RFC 1321 test vectors, plus multi-block and UTF-8 inputs checked against OpenSSL.
describe('hashText', () => {
  it.each<[HashAlgorithm, string, string]>([
    ['md5', '', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['md5', 'abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['md5', 'a'.repeat(80), 'b15af9cdabbaea0516866a33d8fd0f98'],
    ['sha1', 'abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['sha1', '', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['sha224', 'abc', '23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7'],
    ['sha256', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'sha256',
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'sha384',
      'abc',
      'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
    ],
    [
      'sha512',
      'abc',
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    ],
    ['sha256', 'héllo 🚀', 'd87b4a76e84eea9f187f77311aaa08530b086d1c5aebf4024357286b35cebdcb'],
  ])('%s(%j)', (algorithm, input, digest) => {
    expect(hashText(input, algorithm)).toBe(digest);
  });
});
