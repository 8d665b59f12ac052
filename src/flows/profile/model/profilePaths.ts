// Where workspace VM profiles live: `.dbc/vm.json`, or `.dbc/<name>.vm.json` for more than one (the same
// names as the JSON schema's fileMatch in package.json). Pure.

export const PROFILE_GLOB = '**/.dbc/{vm.json,*.vm.json}';

/** True for `.dbc/vm.json` and `.dbc/<name>.vm.json` (either path separator). */
export function isProfilePath(path: string): boolean {
  return /(^|[\\/])\.dbc[\\/](vm|[^\\/]+\.vm)\.json$/.test(path);
}
