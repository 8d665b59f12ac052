// TEMP: wired to src/core/validation once it lands.
import type { CreateSnapshotSpec } from '../api/types';
export function checkSnapshot(_spec: CreateSnapshotSpec, _servers: string[]): void {}
