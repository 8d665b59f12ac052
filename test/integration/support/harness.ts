// What the harness (scripts/e2e/run-host-tests.mjs, run-electron-tests.mjs) hands to in-host tests.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'dbc-vscode.dbc-vscode';

export function dbcExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`$${name} is not set: run the in-host tests through scripts/e2e/run-host-tests.mjs`);
  return value;
}

/** Base URL of the simulator the harness started, e.g. http://127.0.0.1:41234. */
export function simUrl(): string {
  return requiredEnv('DBC_SIM_URL');
}

/** Base URL of the simulator's admin (test-control) API. */
export function simAdminUrl(): string {
  return requiredEnv('DBC_SIM_ADMIN_URL');
}
