// Shapes of reply messages: small checks that a parsed `message` is what a route promises before any
// code uses it, and say precisely what was wrong (`message[2].task_id: expected an id, got null`).
// A shape returns the value it checked (objects copied, unknown keys kept), so later code never meets
// a value the type does not describe. Each route declares its shape next to its definition (client.ts).

export class ShapeMismatch extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly got: unknown,
  ) {
    super(`${path}: expected ${expected}, got ${describe(got)}`);
    this.name = 'ShapeMismatch';
  }
}

export interface Shape<T> {
  /** What the shape accepts, for messages ("text", "a list of tasks"…). */
  readonly expected: string;
  parse(value: unknown, path: string): T;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return v.length > 24 ? `a text of ${v.length} characters` : JSON.stringify(v);
  return `${typeof v} ${String(v)}`;
}

function shape<T>(expected: string, test: (v: unknown) => T | undefined): Shape<T> {
  return {
    expected,
    parse(value, path) {
      const out = test(value);
      if (out === undefined) throw new ShapeMismatch(path, expected, value);
      return out;
    },
  };
}

export const anything: Shape<unknown> = { expected: 'any value', parse: (v) => v };

export const string = shape('a text', (v) => (typeof v === 'string' ? v : undefined));

/** A text; a finite number is accepted and turned into text (node versions differ on numbers). */
export const text = shape('a text', (v) => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined));

/** A whole count as a number or as digits (real nodes send numbers, older ones strings). */
export const count = shape('a whole number', (v) => (
  (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) || (typeof v === 'string' && /^\d{1,15}$/.test(v)) ? v : undefined));

/** A whole number 0 or more, as a number (e.g. a GPU index). */
export const natural = shape('a whole number', (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined));

/** A task id, snapshot or image name used in later paths: letters, digits, `_`, `-`, `.`. */
export const id = shape('an id (letters, digits, "_", "-", ".")', (v) => (
  typeof v === 'string' && /^[A-Za-z0-9_.-]{1,128}$/.test(v) && v !== '.' && v !== '..' ? v : undefined));

export function list<T>(item: Shape<T>): Shape<T[]> {
  return {
    expected: `a list of ${item.expected}`,
    parse(value, path) {
      if (!Array.isArray(value)) throw new ShapeMismatch(path, this.expected, value);
      return value.map((v, i) => item.parse(v, `${path}[${i}]`));
    },
  };
}

type Fields<T> = { [K in keyof T]-?: Shape<T[K]> };

/**
 * An object with `required` keys, `optional` keys (absent or null both mean absent), and any other keys
 * kept as they are.
 */
export function record<R extends object, O extends object = object>(
  required: Fields<R>, optional: Fields<O> = {} as Fields<O>, expected = 'an object',
): Shape<NoInfer<R & Partial<O> & Record<string, unknown>>> {
  return {
    expected,
    parse(value, path) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ShapeMismatch(path, expected, value);
      const source = value as Record<string, unknown>;
      const entries = Object.entries(source).filter(([k]) => !Object.hasOwn(required, k) && !Object.hasOwn(optional, k));
      for (const [k, s] of Object.entries(required) as [string, Shape<unknown>][]) entries.push([k, s.parse(source[k], `${path}.${k}`)]);
      for (const [k, s] of Object.entries(optional) as [string, Shape<unknown>][]) {
        if (source[k] !== undefined && source[k] !== null) entries.push([k, s.parse(source[k], `${path}.${k}`)]);
      }
      return Object.fromEntries(entries) as R & Partial<O> & Record<string, unknown>;
    },
  };
}

/** The first of `shapes` that accepts the value. */
export function oneOf<T>(expected: string, ...shapes: Shape<T>[]): Shape<T> {
  return {
    expected,
    parse(value, path) {
      for (const s of shapes) {
        try {
          return s.parse(value, path);
        } catch (err) {
          if (!(err instanceof ShapeMismatch)) throw err;
        }
      }
      throw new ShapeMismatch(path, expected, value);
    },
  };
}

/** Whether `value` nests deeper than `max` lists and objects (checked without recursion). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
