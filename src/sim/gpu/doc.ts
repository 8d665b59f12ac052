// GPU documents: `{"errcode":<n>, "message":<value>}` in the node's compact-ish layout (§6.1).

export interface GpuDoc {
  errcode: number;
  message: unknown;
}

export const ok = (message: unknown = 'ok'): GpuDoc => ({ errcode: 0, message });
/** `E_DEFAULT` (-3): authority and generic failures. */
export const fail3 = (message: string): GpuDoc => ({ errcode: -3, message });
/** `ERR_ERROR` (1): task, snapshot and image logic failures. */
export const fail1 = (message: string): GpuDoc => ({ errcode: 1, message });
export const authFailed = (reason: string): GpuDoc => fail3(`check authority failed: ${reason}`);

/**
 * The node concatenates strings without escaping. With `escape` false the simulator does the same,
 * so a `"` or `\` in a description or log line yields text that is not valid JSON (the client node
 * then answers 500 `response parse error`).
 */
export function serializeValue(v: unknown, escape: boolean): string {
  if (typeof v === 'string') return escape ? JSON.stringify(v) : `"${v}"`;
  if (Array.isArray(v)) return `[${v.map((x) => serializeValue(x, escape)).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const parts = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${serializeValue(x, escape)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function serializeDoc(doc: GpuDoc, escape = true): string {
  return `{"errcode":${doc.errcode}, "message":${serializeValue(doc.message, escape)}}`;
}
