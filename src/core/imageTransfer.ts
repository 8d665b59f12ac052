// Image transfers as the node keys them (docs/dbc-real-node.md §3): a GPU node keys an upload by its
// full path (a bare name becomes /data/<name>), but looks up progress and stop by the name AS SENT, and
// reports an unknown name as `done` / `100%` — so a client must send the same full path to all three,
// and cannot take `done` as proof: only the image server's list can confirm an upload.

/** The path a GPU-node upload of `filename` is keyed by. */
export function uploadPath(filename: string): string {
  const name = filename.trim();
  return name.startsWith('/') ? name : `/data/${name}`;
}

/** The file name an upload lands under on the image server. */
export function uploadedName(filename: string): string {
  const path = uploadPath(filename);
  return path.slice(path.lastIndexOf('/') + 1);
}
