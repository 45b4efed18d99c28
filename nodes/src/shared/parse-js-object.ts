/**
 * Parses JSON, or failing that a JavaScript object/array literal made of plain data: unquoted or
 * single-quoted keys, single-quoted strings, trailing commas, comments. Nothing is evaluated, so text
 * from items can be parsed safely. n8n accepts such text where it parses "JSON" leniently.
 */
export function parseJsObject(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (jsonError) {
    try {
      return new LiteralParser(text).parseDocument();
    } catch {
      throw jsonError;
    }
  }
}

const IDENTIFIER_START = /[A-Za-z_$]/;
const IDENTIFIER_PART = /[\w$]/;
const NUMBER = /^[+-]?(?:0[xX][\da-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|Infinity)/;
const KEYWORDS: Record<string, unknown> = {
  true: true,
  false: false,
  null: null,
  undefined: undefined,
  NaN: NaN,
  Infinity: Infinity,
};

class LiteralParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseDocument(): unknown {
    const value = this.parseValue();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail('unexpected text after the value');
    return value;
  }

  private parseValue(): unknown {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === '{') return this.parseObject();
    if (ch === '[') return this.parseArray();
    if (ch === '"' || ch === "'" || ch === '`') return this.parseString();
    const number = NUMBER.exec(this.text.slice(this.pos));
    if (number) {
      this.pos += number[0].length;
      return Number(number[0]);
    }
    const word = this.parseIdentifier();
    if (word in KEYWORDS) return KEYWORDS[word];
    return this.fail(`unexpected '${word}'`);
  }

  private parseObject(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.pos++;
    for (;;) {
      this.skipSpace();
      if (this.eat('}')) return result;
      const ch = this.text[this.pos];
      const key = ch === '"' || ch === "'" || ch === '`' ? this.parseString() : this.parseKeyWord();
      this.skipSpace();
      if (!this.eat(':')) this.fail("expected ':'");
      result[key] = this.parseValue();
      this.skipSpace();
      if (this.eat('}')) return result;
      if (!this.eat(',')) this.fail("expected ',' or '}'");
    }
  }

  private parseArray(): unknown[] {
    const result: unknown[] = [];
    this.pos++;
    for (;;) {
      this.skipSpace();
      if (this.eat(']')) return result;
      result.push(this.parseValue());
      this.skipSpace();
      if (this.eat(']')) return result;
      if (!this.eat(',')) this.fail("expected ',' or ']'");
    }
  }

  private parseString(): string {
    const quote = this.text[this.pos]!;
    let result = '';
    this.pos++;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos++]!;
      if (ch === quote) return result;
      if (ch !== '\\') {
        result += ch;
        continue;
      }
      const escaped = this.text[this.pos++] ?? '';
      const simple: Record<string, string> = {
        n: '\n',
        t: '\t',
        r: '\r',
        b: '\b',
        f: '\f',
        v: '\v',
        '0': '\0',
      };
      if (escaped === 'u') {
        result += String.fromCharCode(parseInt(this.text.slice(this.pos, this.pos + 4), 16));
        this.pos += 4;
      } else if (escaped === '\n') {
        continue;
      } else {
        result += simple[escaped] ?? escaped;
      }
    }
    return this.fail('unterminated string');
  }

  private parseKeyWord(): string {
    const number = NUMBER.exec(this.text.slice(this.pos));
    if (number) {
      this.pos += number[0].length;
      return String(Number(number[0]));
    }
    return this.parseIdentifier();
  }

  private parseIdentifier(): string {
    const start = this.pos;
    if (!IDENTIFIER_START.test(this.text[this.pos] ?? '')) this.fail('expected a value');
    while (IDENTIFIER_PART.test(this.text[this.pos] ?? '')) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private skipSpace(): void {
    for (;;) {
      while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
      if (this.text.startsWith('//', this.pos)) {
        const end = this.text.indexOf('\n', this.pos);
        this.pos = end < 0 ? this.text.length : end;
      } else if (this.text.startsWith('/*', this.pos)) {
        const end = this.text.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? this.text.length : end + 2;
      } else {
        return;
      }
    }
  }

  private eat(ch: string): boolean {
    if (this.text[this.pos] !== ch) return false;
    this.pos++;
    return true;
  }

  private fail(message: string): never {
    throw new SyntaxError(`${message} at position ${this.pos}`);
  }
}
