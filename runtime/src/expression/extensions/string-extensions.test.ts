import { describe, expect, it } from 'vitest';

import { compileExpression } from '../index.js';

const evaluate = (code: string): unknown => compileExpression(`={{ ${code} }}`).evaluate({});

describe('string extensions', () => {
  it.each<[string, unknown]>([
    ["''.isEmpty()", true],
    ["'a'.isEmpty()", false],
    ["'a'.isNotEmpty()", true],
    ["' \\t'.isBlank()", true],
    ["' x '.isNotBlank()", true],
    ["'abc'.length()", 3],
    ["'Contact jo@example.com today'.extractEmail()", 'jo@example.com'],
    ["'no address here'.extractEmail()", undefined],
    ["'see https://n8n.io/docs?x=1 now'.extractUrl()", 'https://n8n.io/docs?x=1'],
    ["'http://n8n.io/workflows'.extractDomain()", 'n8n.io'],
    ["'jo@example.com'.extractDomain()", 'example.com'],
    ["'https://x.io/a/b?c=1'.extractUrlPath()", '/a/b'],
    ["'jo@example.com'.isEmail()", true],
    ["'jo at example.com'.isEmail()", false],
    ["'https://example.com/path?q=1#top'.isUrl()", true],
    ["'example.com'.isUrl()", false],
    ["'example.com'.isDomain()", true],
    ["'not a domain'.isDomain()", false],
    ["'12.5'.isNumeric()", true],
    ["'12a'.isNumeric()", false],
    ["'1 2'.isNumeric()", false],
    ["'123'.toNumber()", 123],
    ["'1.23E10'.toNumber()", 12300000000],
    ["'$1.50'.toNumber()", 1.5],
    ["'42.9'.toInt()", 42],
    ["'ff'.toInt(16)", 255],
    ["'€3.14'.toFloat()", 3.14],
    ["'7'.toWholeNumber()", 7],
    ["'2.5'.toDecimalNumber()", 2.5],
    ["'yes'.toBoolean()", true],
    ["'No'.toBoolean()", false],
    ["'0'.toBoolean()", false],
    ["''.toBoolean()", false],
    ["'wind in the willows'.toTitleCase()", 'Wind in the Willows'],
    ["'the quick brown fox'.toTitleCase()", 'The Quick Brown Fox'],
    ["'hello WORLD. bye now! ok'.toSentenceCase()", 'Hello world. Bye now! Ok'],
    ["'Hello World-Wide!'.toSnakeCase()", 'hello_world_wide'],
    ['\'<b>bold</b>, <a href="x">link</a>\'.removeTags()', 'bold, link'],
    ["'*bold*, [link]()'.removeMarkdown()", 'bold, link'],
    ["'# Title\\n**strong** and `code`'.removeMarkdown()", 'Title\nstrong and code'],
    ["'a b&c'.urlEncode()", 'a%20b%26c'],
    ["'https://x.io/a b?q=1&r=2'.urlEncode(true)", 'https://x.io/a%20b?q=1&r=2'],
    ["'a%20b%26c'.urlDecode()", 'a b&c'],
    ["'hello'.base64Encode()", 'aGVsbG8='],
    ["'héllo'.base64Encode()", 'aMOpbGxv'],
    ["'aGVsbG8='.base64Decode()", 'hello'],
    ["'aMOpbGxv'.base64Decode()", 'héllo'],
    ["'hello'.hash()", '5d41402abc4b2a76b9719d911017c592'],
    ["'abc'.hash('SHA256')", 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ["'hello'.hash('base64')", 'aGVsbG8='],
    ['\'Nathan says "hi"\'.quote()', '"Nathan says \\"hi\\""'],
    ['"it\'s".quote("\'")', "'it\\'s'"],
    ["'Ärger über Straße, naïve café'.replaceSpecialChars()", 'Arger uber Strasse, naive cafe'],
    ['\'{"a":[1]}\'.parseJson()', { a: [1] }],
    ["'a\"b'.toJsonString()", '"a\\"b"'],
    ["'30/03/2024'.toDateTime('dd/MM/yyyy').toISODate()", '2024-03-30'],
    ["'1711824540'.toDateTime('s').toMillis()", 1711824540000],
    ["'2024-03-30'.toDate().getTime()", Date.UTC(2024, 2, 30)],
  ])('%s', (code, expected) => {
    expect(evaluate(code)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['ISO 8601', '2024-03-30T18:49:00Z'],
    ['ISO 8601 with offset', '2024-03-30T20:49:00+02:00'],
    ['RFC 2822', 'Sat, 30 Mar 2024 18:49:00 +0000'],
    ['HTTP', 'Sat, 30 Mar 2024 18:49:00 GMT'],
    ['SQL', '2024-03-30 18:49:00'],
    ['epoch milliseconds', '1711824540000'],
  ])('toDateTime() parses %s', (_format, text) => {
    expect(evaluate(`'${text}'.toDateTime().toMillis()`)).toBe(Date.UTC(2024, 2, 30, 18, 49));
  });

  it.each([
    ["'abc'.toNumber()", 'cannot convert to number'],
    ["'abc'.toInt()", 'cannot convert to integer'],
    ["'3,14'.toFloat()", 'cannot convert to float, expected . as decimal separator'],
    ["'x'.toFloat()", 'cannot convert to float'],
    ['"{\'a\': 1}".parseJson()', "Parsing failed. Check you're using double quotes"],
    ["'nope'.parseJson()", 'Parsing failed'],
    ["'not a date'.toDateTime()", 'cannot convert to Luxon DateTime'],
    ["'not a date'.toDate()", 'cannot convert to date'],
    ["'x'.hash('sha3')", 'Unknown algorithm sha3'],
  ])('%s throws %s', (code, message) => {
    expect(() => evaluate(code)).toThrow(message);
  });
});
