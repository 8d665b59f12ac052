// Which Remote-SSH implementation will open `ssh-remote+<alias>` in this editor, and which one to
// offer when none is installed. Every implementation registers the `ssh-remote` authority, so the
// window itself is always opened through VS Code's core commands (openPlan.ts); only the install
// offer depends on the build: Microsoft's extension is licensed for Microsoft builds only and is not
// on Open VSX, where VSCodium, code-server and other Code - OSS builds get their extensions.
// Pure: no vscode import.

export const REMOTE_SSH_EXTENSIONS = {
  microsoft: { id: 'ms-vscode-remote.remote-ssh', name: 'Remote - SSH' },
  openRemoteSsh: { id: 'jeanp413.open-remote-ssh', name: 'Open Remote - SSH' },
  cursor: { id: 'anysphere.remote-ssh', name: 'Remote - SSH (Cursor)' },
  windsurf: { id: 'codeium.windsurf-remote-openssh', name: 'Windsurf Remote - SSH' },
  antigravity: { id: 'google.antigravity-remote-openssh', name: 'Antigravity Remote - SSH' },
} as const;

export type RemoteSshExtension = (typeof REMOTE_SSH_EXTENSIONS)[keyof typeof REMOTE_SSH_EXTENSIONS];

export type EditorBuild = 'vscode' | 'vscodium' | 'cursor' | 'windsurf' | 'antigravity' | 'other';

/** The editor family, from `vscode.env.appName` and `vscode.env.uriScheme`. */
export function editorBuild(appName: string, uriScheme: string): EditorBuild {
  const scheme = uriScheme.toLowerCase();
  const name = appName.toLowerCase();
  const is = (word: string) => scheme.startsWith(word) || name.includes(word);
  if (is('cursor')) return 'cursor';
  if (is('windsurf')) return 'windsurf';
  if (is('antigravity')) return 'antigravity';
  if (is('vscodium')) return 'vscodium';
  // Microsoft's desktop builds; Code - OSS and code-server use `code-oss`.
  if (/^vscode(-insiders|-exploration)?$/.test(scheme)) return 'vscode';
  return 'other';
}

/** The implementation made for (and installable in) this build. */
export function nativeRemoteSsh(build: EditorBuild): RemoteSshExtension {
  switch (build) {
    case 'vscode':
      return REMOTE_SSH_EXTENSIONS.microsoft;
    case 'cursor':
      return REMOTE_SSH_EXTENSIONS.cursor;
    case 'windsurf':
      return REMOTE_SSH_EXTENSIONS.windsurf;
    case 'antigravity':
      return REMOTE_SSH_EXTENSIONS.antigravity;
    case 'vscodium':
    case 'other':
      return REMOTE_SSH_EXTENSIONS.openRemoteSsh;
  }
}

/** The installed implementation, the build's own first, then in Coder's probing order. */
export function detectRemoteSsh(build: EditorBuild, isInstalled: (id: string) => boolean): RemoteSshExtension | undefined {
  const e = REMOTE_SSH_EXTENSIONS;
  const order = [nativeRemoteSsh(build), e.openRemoteSsh, e.windsurf, e.cursor, e.microsoft, e.antigravity];
  return order.find((ext) => isInstalled(ext.id));
}
