// Strict JSON (RFC 8259: no comments, no trailing commas) with where each value starts, so problems in a
// workspace file can be pointed at, on VS Code's own parser (`jsonc-parser`). A hostile file cannot hurt:
// nesting is limited before anything recurses, every step is linear in the text, and keys such as
// `__proto__` or `constructor` become plain own properties, never prototypes.
import { createScanner, parseTree, ParseErrorCode, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
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

/** Deeper than any profile needs; deeper texts are refused before anything recurses. */
export const MAX_JSON_DEPTH = 64;

/** Line starts of a text, for offset → line and column in O(log n). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  positionAt(offset: number): JsonPosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1, offset };
  }
}

export function positionAt(text: string, offset: number): JsonPosition {
  return new LineIndex(text).positionAt(offset);
}

const keyPath = (parent: string, key: string): string => (parent === '' ? key : `${parent}.${key}`);

export function parseJsonWithPositions(source: string, maxDepth = MAX_JSON_DEPTH): JsonParseResult {
  const text = source.charCodeAt(0) === 0xfeff ? ` ${source.slice(1)}` : source; // a BOM counts as a column
  const lines = new LineIndex(text);
  const fail = (code: JsonErrorCode, offset: number): JsonParseResult => ({ ok: false, error: { code, detail: JSON_ERRORS[code], position: lines.positionAt(offset) } });
  const deep = tooDeepAt(text, maxDepth);
  if (deep !== undefined) return fail('tooDeep', deep);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    const [code, offset] = describeError(text, root, errors[0] ?? { error: ParseErrorCode.ValueExpected, offset: text.length, length: 0 });
    return fail(code, offset);
  }
  const positions = new Map<string, JsonPosition>();
  const duplicates: string[] = [];
  const value = build(root, '', positions, duplicates, lines);
  return { ok: true, value, positions, duplicates };
}

/** The offset of the first `{` or `[` that opens level `maxDepth + 1`, scanning tokens once. */
function tooDeepAt(text: string, maxDepth: number): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      if (++depth > maxDepth) return scanner.getTokenOffset();
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

function build(node: Node, path: string, positions: Map<string, JsonPosition>, duplicates: string[], lines: LineIndex): unknown {
  positions.set(path, lines.positionAt(node.offset));
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || !valueNode) continue;
        const key = String(keyNode.value);
        const at = keyPath(path, key);
        if (Object.hasOwn(out, key)) duplicates.push(at);
        // defineProperty: a key named __proto__ is data, not the object's prototype.
        Object.defineProperty(out, key, { value: build(valueNode, at, positions, duplicates, lines), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map((child, i) => build(child, `${path}[${i}]`, positions, duplicates, lines));
    default:
      return node.value;
  }
}

/** Our code and offset for the parser's first error, in the words of JSON_ERRORS. */
function describeError(text: string, root: Node | undefined, error: ParseError): [JsonErrorCode, number] {
  const at = error.offset;
  const atEnd = text.slice(at).trim() === '';
  switch (error.error) {
    case ParseErrorCode.UnexpectedEndOfString: {
      const quote = text.indexOf('"', at + 1);
      const control = controlCharFrom(text, at + 1);
      return control > at && (quote < 0 || control < quote) ? ['controlInString', control] : ['unterminatedString', at];
    }
    case ParseErrorCode.InvalidCharacter: return ['controlInString', Math.max(at, controlCharFrom(text, at))];
    case ParseErrorCode.InvalidEscapeCharacter:
    case ParseErrorCode.InvalidUnicode: return ['badEscape', text.indexOf('\\', at) >= 0 ? text.indexOf('\\', at) : at];
    case ParseErrorCode.InvalidNumberFormat:
    case ParseErrorCode.UnexpectedEndOfNumber: return ['badNumber', at];
    case ParseErrorCode.InvalidCommentToken:
    case ParseErrorCode.UnexpectedEndOfComment: return ['comment', at];
    case ParseErrorCode.PropertyNameExpected: return [atEnd ? 'endOfText' : 'expectedKey', at];
    case ParseErrorCode.ColonExpected: return [atEnd ? 'endOfText' : 'expectedColon', at];
    case ParseErrorCode.CloseBraceExpected: return [atEnd ? 'endOfText' : 'expectedCommaOrBrace', at];
    case ParseErrorCode.CloseBracketExpected: return [atEnd ? 'endOfText' : 'expectedCommaOrBracket', at];
    case ParseErrorCode.CommaExpected: return [atEnd ? 'endOfText' : containerAt(root, at) === 'array' ? 'expectedCommaOrBracket' : 'expectedCommaOrBrace', at];
    case ParseErrorCode.EndOfFileExpected: return ['trailing', at];
    default:
      if (atEnd) return ['endOfText', at];
      return [root && at >= root.offset + root.length ? 'trailing' : 'expectedValue', at];
  }
}

/** The first control character at or after `from`, or -1. */
function controlCharFrom(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return i;
  return -1;
}

/** Whether the innermost object or array around `offset` is an array. */
function containerAt(root: Node | undefined, offset: number): 'object' | 'array' | undefined {
  let kind: 'object' | 'array' | undefined;
  let node = root;
  while (node) {
    if (node.type === 'object' || node.type === 'array') kind = node.type;
    node = node.children?.find((c) => c.offset <= offset && offset <= c.offset + c.length && c.type !== 'string' && c.type !== 'number');
  }
  return kind;
}
