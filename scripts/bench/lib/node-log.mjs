// The node side of T11 for the log benchmark: a growing in-memory log fed from a schedule of appends, and
// the window a DBC node returns for `flag=tail&line_num=N` (vm_client.cpp GetDomainLog, see
// src/core/logWindow.ts): seek back N lines (N > 100 reads 99), read forward, stop before the quoted
// content would reach the byte cap — so a full window loses its newest lines, never its oldest.

const bytes = (text) => Buffer.byteLength(text, 'utf8');

export class NodeLog {
  constructor(events, capBytes) {
    this.events = events;
    this.capBytes = capBytes;
    this.lines = [];
    this.next = 0;
    this.now = 0;
    /** Every window served: [start, end) line indexes. */
    this.served = [];
  }

  get done() {
    return this.next >= this.events.length;
  }

  get lastAppendAt() {
    return this.events.at(-1).at;
  }

  /** Moves simulated time on by `ms`, appending what is due. */
  advance(ms) {
    this.now += ms;
    while (this.next < this.events.length && this.events[this.next].at <= this.now) this.lines.push(...this.events[this.next++].lines);
  }

  /** The window for `line_num`, as [start, end) indexes into `lines`. */
  window(lineNum) {
    const n = lineNum > 100 ? 99 : Math.max(1, lineNum);
    const start = Math.max(0, this.lines.length - n);
    let end = start;
    let content = 0;
    for (; end < this.lines.length; end++) {
      const size = bytes(this.lines[end]);
      if (content + size >= this.capBytes) break;
      content += (end > start ? 1 : 0) + size + 2;
    }
    this.served.push([start, end]);
    return [start, end];
  }

  /** A FetchLike answering T11 from this log; counts requests. */
  fetch() {
    return async (url) => {
      const lineNum = Number(/line_num=(\d+)/.exec(url)?.[1] ?? 100);
      const [start, end] = this.window(lineNum);
      const text = JSON.stringify({ errcode: 0, message: { task_id: 'bench', log_content: this.lines.slice(start, end) } });
      return { status: 200, text: async () => text };
    };
  }
}
