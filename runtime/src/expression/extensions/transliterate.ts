// Letters that Unicode decomposition does not reduce to ASCII.
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  ø: 'o',
  Ø: 'O',
  œ: 'oe',
  Œ: 'OE',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'TH',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
  ŋ: 'ng',
  Ŋ: 'NG',
  ĸ: 'k',
  ſ: 's',
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00A0': ' ',
  '€': 'EUR',
  '£': 'GBP',
  '©': '(c)',
  '®': '(r)',
  '™': 'TM',
};

/** Replaces accented and special characters with ASCII look-alikes; anything else non-ASCII becomes '?'. */
export function transliterate(value: string): string {
  let out = '';
  for (const char of value) {
    if (char.charCodeAt(0) < 0x80) {
      out += char;
      continue;
    }
    const special = SPECIAL[char];
    if (special !== undefined) {
      out += special;
      continue;
    }
    const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
    out += base !== '' && [...base].every((c) => c.charCodeAt(0) < 0x80) ? base : '?';
  }
  return out;
}
