// The editor-free SSH core shared by the extension and the CLI. Never imports 'vscode'.
export * from './hostAlias';
export * from './sshConfig';
export * from './knownHosts';
export * from './keys';
export * from './bootstrap';
export * from './sshCommand';
export { defaultSshPaths, type SshPaths } from './paths';
export { type FsPort, nodeFs } from './fsPort';
export { LockTimeoutError, type LockOptions } from './fileLock';
export { type ShellFlavor, quotePosix, quotePowerShell } from './shellQuote';
export { connectWithPassword, execCollect, type ExecResult, type HostKeyOutcome, type PasswordLogin, type PasswordSession } from './passwordSession';
