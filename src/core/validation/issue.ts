import { formatTemplate, type Localizable, MESSAGES, type MessageCode } from '../messages';

/** One validation failure: the field (wire name, `custom_port[2]`, `disks[0].disk_name`, …) and the broken rule. */
export interface Issue extends Localizable {
  field: string;
  code: MessageCode;
}

/** An issue whose template uses `{0}` for the field; `rest` fills `{1}`, `{2}`, …. */
export function fieldIssue(field: string, code: MessageCode, ...rest: (string | number)[]): Issue {
  return makeIssue(field, code, [field, ...rest.map(String)]);
}

export function makeIssue(field: string, code: MessageCode, args: string[]): Issue {
  const template = MESSAGES[code];
  return { field, code, template, args, message: formatTemplate(template, args) };
}

/** The same issue reported under another field name (e.g. a profile key instead of the wire key). */
export function renameIssue(issue: Issue, field: string): Issue {
  const args = issue.args[0] === issue.field ? [field, ...issue.args.slice(1)] : issue.args;
  return makeIssue(field, issue.code, args);
}

/** Keeps the first issue of each field, so a field never reports two broken rules at once. */
export function firstPerField(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => (seen.has(i.field) ? false : (seen.add(i.field), true)));
}
