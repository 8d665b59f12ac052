export * from './types';
export * from './errors';
export { RequestError } from './requestError';
export { DbcClient, DEFAULT_TIMEOUT_MS, normalizeImage, type DbcClientOptions, type CallOptions, type Exchange } from './client';
export { type FetchLike } from './transport';
export { type SnapshotRouteStyle } from './snapshotRoutes';
export { isNodeId, requireNodeId } from './ids';
export { redact, redactJsonText, shortAddress } from './redact';
export { buildEnvelope, stringifyAdditional } from './envelope';
