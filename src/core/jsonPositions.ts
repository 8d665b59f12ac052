// A strict JSON parser (RFC 8259) that also reports where each value starts, so problems in a workspace
// file can be pointed at, and syntax errors come with a line and column on every runtime.
import { JSON_ERRORS, type JsonErrorCode } from './messages';

/** 1-based line and column (in UTF-16 code units), and the 0-based offset. */
export interface JsonPosition {
  line: number;
  column: number;
  offset: number;
}

export interface JsonSyntaxError {
  code: JsonErrorCode;
  /** English text of the error (JSON_ERRORS[code]). */
  detail: string;
  position: JsonPosition;
}

export type JsonParseResult =
  | {
    ok: true;
    value: unknown;
    /** Start of each value, keyed by path: '' (root), 'a', 'a.b', 'a[0]'. */
    positions: Map<string, JsonPosition>;
    /** Paths of object keys that appear more than once (the last value wins, as in JSON.parse). */
    duplicates: string[];
  }
  | { ok: false; error: JsonSyntaxError };

class Fail extends Error {
  constructor(readonly code: JsonErrorCode, readonly offset: number) {
    super(JSON_ERRORS[code]);
  }
}

export function positionAt(text: string, offset: number): JsonPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

const keyPath = (parent: string, key: string): string => (parent === '' ? key : `${parent}.${key}`);

class Parser {
  i = 0;
  readonly positions = new Map<string, JsonPosition>();
  readonly duplicates: string[] = [];

  constructor(readonly text: string) {}

  parseDocument(): unknown {
    if (this.text.charCodeAt(0) === 0xfeff) this.i = 1;
    const value = this.value('');
    this.ws();
    if (this.i < this.text.length) throw new Fail('trailing', this.i);
    return value;
  }

  private ws(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i]!)) this.i += 1;
  }

  private value(path: string): unknown {
    this.ws();
    if (this.i >= this.text.length) throw new Fail('endOfText', this.i);
    this.positions.set(path, positionAt(this.text, this.i));
    const c = this.text[this.i]!;
    if (c === '{') return this.object(path);
    if (c === '[') return this.array(path);
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    throw new Fail('expectedValue', this.i);
  }

  private object(path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i += 1;
    this.ws();
    if (this.text[this.i] === '}') {
      this.i += 1;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.text[this.i] !== '"') throw new Fail(this.i >= this.text.length ? 'endOfText' : 'expectedKey', this.i);
      const key = this.string();
      if (Object.prototype.hasOwnProperty.call(out, key)) this.duplicates.push(keyPath(path, key));
      this.ws();
      if (this.text[this.i] !== ':') throw new Fail('expectedColon', this.i);
      this.i += 1;
      Object.defineProperty(out, key, { value: this.value(keyPath(path, key)), enumerable: true, writable: true, configurable: true });
      this.ws();
      const c = this.text[this.i];
      this.i += 1;
      if (c === '}') return out;
      if (c !== ',') throw new Fail(c === undefined ? 'endOfText' : 'expectedCommaOrBrace', this.i - 1);
    }
  }

  private array(path: string): unknown[] {
    const out: unknown[] = [];
    this.i += 1;
    this.ws();
    if (this.text[this.i] === ']') {
      this.i += 1;
      return out;
    }
    for (;;) {
      out.push(this.value(`${path}[${out.length}]`));
      this.ws();
      const c = this.text[this.i];
      this.i += 1;
      if (c === ']') return out;
      if (c !== ',') throw new Fail(c === undefined ? 'endOfText' : 'expectedCommaOrBracket', this.i - 1);
    }
  }

  private string(): string {
    const start = this.i;
    this.i += 1;
    let out = '';
    for (;;) {
      if (this.i >= this.text.length) throw new Fail('unterminatedString', start);
      const c = this.text[this.i]!;
      if (c === '"') {
        this.i += 1;
        return out;
      }
      if (c < ' ') throw new Fail('controlInString', this.i);
      if (c === '\\') out += this.escape();
      else {
        out += c;
        this.i += 1;
      }
    }
  }

  private escape(): string {
    const c = this.text[this.i + 1];
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
    if (c !== undefined && simple[c] !== undefined) {
      this.i += 2;
      return simple[c]!;
    }
    const hex = this.text.slice(this.i + 2, this.i + 6);
    if (c !== 'u' || !/^[0-9a-fA-F]{4}$/.test(hex)) throw new Fail('badEscape', this.i);
    this.i += 6;
    return String.fromCharCode(parseInt(hex, 16));
  }

  private number(): number {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.i));
    if (!m) throw new Fail('badNumber', this.i);
    this.i += m[0].length;
    return Number(m[0]);
  }
}

export function parseJsonWithPositions(text: string): JsonParseResult {
  const parser = new Parser(text);
  try {
    const value = parser.parseDocument();
    return { ok: true, value, positions: parser.positions, duplicates: parser.duplicates };
  } catch (err) {
    if (!(err instanceof Fail)) throw err;
    return { ok: false, error: { code: err.code, detail: JSON_ERRORS[err.code], position: positionAt(text, err.offset) } };
  }
}
