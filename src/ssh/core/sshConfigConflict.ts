// The one error of our ssh config writing that only the user can resolve, in a module of its own: the
// error texts loaded at activation know it (instanceof) without loading the ssh config parser.

/** A problem in the file that only the user can resolve; `line` is 1-based. */
export class SshConfigConflict extends Error {
  constructor(
    readonly line: number,
    readonly alias: string,
    readonly reason: 'foreign' | 'unterminated',
    readonly file?: string,
  ) {
    super(conflictText(line, alias, reason, file));
    this.name = 'SshConfigConflict';
  }

  inFile(file: string): SshConfigConflict {
    return new SshConfigConflict(this.line, this.alias, this.reason, file);
  }
}

function conflictText(line: number, alias: string, reason: 'foreign' | 'unterminated', file: string | undefined): string {
  const where = `${file ?? 'the ssh config'}:${line}`;
  return reason === 'foreign'
    ? `${where}: a "Host ${alias}" block that dbc did not write is already there; dbc never replaces it. Remove or rename that block, then try again.`
    : `${where}: dbc's block for ${alias} has no end line "# <<< dbc-vscode host ${alias} <<<"; dbc will not guess where it ends. Fix or remove it by hand, then try again.`;
}
