// The HTTP client of DbcClient: node-fetch, loaded on the first request rather than at activation.
import type { FetchLike } from './transport';

let loaded: Promise<FetchLike> | undefined;

function load(): Promise<FetchLike> {
  loaded ??= import('./nodeFetchBundle').then((m) => m.default as unknown as FetchLike, (err: unknown) => {
    loaded = undefined; // let a later request try again
    throw err;
  });
  return loaded;
}

export const nodeFetch: FetchLike = async (url, init) => (await load())(url, init);
