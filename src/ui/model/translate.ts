// The translation function the pure layers take as a parameter: `vscode.l10n.t` in the extension,
// plain `{n}` substitution in unit tests. Keeping it injected lets the tree model stay free of vscode.
import { formatTemplate, type Localizable } from '../../core/messages';

export type Translate = (template: string, ...args: (string | number)[]) => string;

export const englishT: Translate = (template, ...args) => formatTemplate(template, args.map(String));

export function localize(t: Translate, text: Localizable): string {
  return t(text.template, ...text.args);
}
