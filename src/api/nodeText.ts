// Text that came from a node, made fit for a terminal, an output channel or a UI string. A hostile or
// broken node can put escape sequences in a task's description, a status or an error message: a
// window title, a screen clear, an OSC 52 clipboard write, a hyperlink, or right-to-left overrides that
// make a line read differently than it is. The one function every printer uses is sanitizeNodeText.

// Escape sequences, whole: CSI (ESC [ or the 8-bit CSI), OSC / DCS / SOS / PM / APC strings up to their
// terminator (BEL, ESC \ or the 8-bit ST) or the end of the text, then two-character ESC sequences.
// Whatever is left of a rarer sequence is printable once its ESC is gone.
// eslint-disable-next-line no-control-regex
const SEQUENCES = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[0-~]?/g;
// C0 controls but tab and line feed, DEL, C1 controls, line/paragraph separators, bidi embeddings,
// overrides and isolates.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// Every character the replacements below act on (each sequence starts with ESC or a C1 control; tabs,
// line breaks and the controls themselves): a text without any is returned as it is, in one scan.
// eslint-disable-next-line no-control-regex
const ANY_TOUCHED = /[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/;

export interface SanitizeOptions {
  /** Keep tabs (log lines); otherwise a tab becomes a space. Default false. */
  tabs?: boolean;
  /** Keep line feeds (multi-line notes); otherwise line breaks become one space. Default false. */
  newlines?: boolean;
}

/** `text` with escape sequences and control characters removed; printable text (any script) kept. */
export function sanitizeNodeText(text: string, options: SanitizeOptions = {}): string {
  if (!ANY_TOUCHED.test(text)) return text;
  let out = text.replace(SEQUENCES, '');
  if (!options.newlines) out = out.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
  if (!options.tabs) out = out.replace(/\t/g, ' ');
  return out.replace(CONTROLS, '').replace(/\n/g, options.newlines ? '\n' : '');
}

/**
 * Every string (and key) of a parsed reply sanitized, then each string value passed through `then` (the
 * reply's secret masking) in the same walk; the structure is kept. Depth is bounded by the caller.
 */
export function sanitizeReply(value: unknown, then = (text: string) => text): unknown {
  if (typeof value === 'string') return then(sanitizeNodeText(value));
  if (Array.isArray(value)) return value.map((v) => sanitizeReply(v, then));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [sanitizeNodeText(k), sanitizeReply(v, then)]));
  }
  return value;
}
