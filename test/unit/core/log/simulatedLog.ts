import { ClientNodeError } from '../../../../src/api/errors';

// A task log as a DBC node serves it through T11, for property tests: every line occurrence has an id, so a
// test knows exactly which lines a window holds and which ones the follower printed.

export interface SimLine {
  id: number;
  text: string;
}

/** The node's caps: line_num is clamped to maxLines; the byte cap cuts the newest lines (the node's reader
 * seeks back N lines, reads forward and stops at the cap). */
export interface SimCaps {
  maxLines: number;
  maxBytes: number;
}

const bytes = (t: string): number => Buffer.byteLength(t, 'utf8');

/** Lines this long are distinct in `'long'` logs (logPollMap.ts trusts such a line seen once). */
const DISTINCT_BYTES = 16;

/** true: every line distinct; 'long': lines of DISTINCT_BYTES or more distinct; false: as generated. */
export type Uniqueness = boolean | 'long';

export class SimulatedLog {
  lines: SimLine[] = [];
  private nextId = 0;

  /**
   * With `unique`, every line text starts with its id, so no two lines are equal; with `'long'`, only lines
   * of DISTINCT_BYTES or more do (as timestamps make them), and shorter ones repeat. With `strictJson`, a
   * window holding a line with `"` or `\\` fails as the client node fails on it (vm_client.cpp quotes lines
   * without escaping them: HTTP 500, -1 `response parse error`).
   */
  constructor(private readonly unique: Uniqueness = false, private readonly strictJson = false) {}

  append(texts: readonly string[]): void {
    for (const text of texts) {
      const id = this.nextId++;
      const distinct = this.unique === true || (this.unique === 'long' && bytes(text) >= DISTINCT_BYTES);
      this.lines.push({ id, text: distinct ? `#${id} ${text}` : text });
    }
  }

  /** The log file is replaced (rotated) or truncated: the new file holds only `texts`. */
  restart(texts: readonly string[]): void {
    this.lines = [];
    this.append(texts);
  }

  window(requested: number, caps: SimCaps): SimLine[] {
    const n = Math.min(requested > 100 ? 99 : requested, caps.maxLines);
    const tail = this.lines.slice(Math.max(0, this.lines.length - n));
    const window = cutNewest(tail, caps.maxBytes);
    if (this.strictJson && window.some((l) => /["\\]/.test(l.text))) throw new ClientNodeError('tasks.logs', 500, -1, 'response parse error');
    return window;
  }
}

/** vm_client.cpp GetDomainLog: `if (content.size() + line.size() >= MAX) break;` then append `"line"`. */
function cutNewest(tail: readonly SimLine[], cap: number): SimLine[] {
  let content = 0;
  const out: SimLine[] = [];
  for (const line of tail) {
    if (content + bytes(line.text) >= cap) break;
    content += (out.length > 0 ? 1 : 0) + bytes(line.text) + 2;
    out.push(line);
  }
  return out;
}
