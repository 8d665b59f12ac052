// Splits an exec command into words the way sh would, but only for a plain simple command: quotes and
// backslashes are understood; anything that needs a real shell (`;`, `|`, `&`, redirections, `$`,
// backquotes, globs, `~`, comments, newlines) makes it return undefined so the command goes to /bin/sh.
const SPECIAL = new Set([';', '|', '&', '<', '>', '(', ')', '$', '`', '*', '?', '[', ']', '{', '}', '~', '#', '\n', '\r']);

export function simpleCommandWords(command: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      const end = command.indexOf('"', i + 1);
      const inner = end < 0 ? undefined : command.slice(i + 1, end);
      if (inner === undefined || /[$`\\]/.test(inner)) return undefined;
      word = (word ?? '') + inner;
      i = end;
    } else if (c === '\\') {
      if (i + 1 >= command.length || command[i + 1] === '\n') return undefined;
      word = (word ?? '') + command[++i];
    } else if (SPECIAL.has(c)) {
      return undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
