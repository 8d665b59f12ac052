// The two response families (dbc-protocol.md §6): client-node replies built with rapidjson
// (errors pretty-printed) and GPU documents relayed verbatim with HTTP 200.

export interface Reply {
  status: number;
  /** The JSON text without the trailing CRLF (added when written). */
  body: string;
  contentType?: string;
}

/** A client-node error: HTTP 400/404/500, pretty-printed like rapidjson's PrettyWriter (4 spaces). */
export function clientError(status: number, errcode: number, message: string): Reply {
  return { status, body: JSON.stringify({ errcode, message }, null, 4) };
}

/** `reply_comm_rest_succ`: a client-node success with a data object, pretty-printed. */
export function clientSuccess(message: unknown): Reply {
  return { status: 200, body: JSON.stringify({ errcode: 0, message }, null, 4) };
}

/** `reply_comm_rest_succ2`: a JSON text the node built by hand (or a GPU document), relayed as is. */
export function relayed(text: string): Reply {
  return { status: 200, body: text };
}

export const badRequest = (errcode: number, message: string): Reply => clientError(400, errcode, message);
export const invalidParams = (message: string): Reply => clientError(400, -25, message);

/** libevent's own error page (not JSON), e.g. 405 for methods outside its filter. */
export function libeventError(status: number, reason: string): Reply {
  const body = `<HTML><HEAD>\n<TITLE>${status} ${reason}</TITLE>\n</HEAD><BODY>\n<H1>${reason}</H1>\n</BODY></HTML>`;
  return { status, body, contentType: 'text/html' };
}
