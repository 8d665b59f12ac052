// Notifications that offer actions (a warning toast with buttons), behind an interface so the in-host
// tests can record them and answer. Pure: the vscode implementation is in ../vscodeNotifier.ts.

export interface Notifier {
  /** A warning toast; resolves with the action chosen, or undefined when it is dismissed. */
  warn<T extends string>(message: string, actions: readonly T[]): Promise<T | undefined>;
}
