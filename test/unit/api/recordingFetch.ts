import type { FetchLike } from '../../../src/api/transport';

export interface Recorded {
  url: string;
  method: string;
  body: any;
  headers: Record<string, string>;
}

/** A fetch that records each request and answers from a queue (or with `{errcode:0,message:"ok"}`). */
export function recordingFetch(replies: Array<{ status: number; text: string } | Error> = []) {
  const requests: Recorded[] = [];
  const fetch: FetchLike = async (url, init) => {
    requests.push({ url, method: init.method, body: init.body ? JSON.parse(init.body) : undefined, headers: init.headers });
    const next = replies.shift() ?? { status: 200, text: '{"errcode":0, "message":"ok"}\r\n' };
    if (next instanceof Error) throw next;
    return { status: next.status, text: async () => next.text };
  };
  return { fetch, requests };
}

export const ok = (message: unknown) => ({ status: 200, text: `${JSON.stringify({ errcode: 0, message })}\r\n` });
