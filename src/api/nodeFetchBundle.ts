// node-fetch 3 (ESM, no URL/IDNA tables). In the extension this is a bundle of its own (dist/http.js, see
// esbuild.js), loaded by nodeFetch.ts on the first request.
export { default } from 'node-fetch';
