// Runs the src/core validators before anything is sent. Failures list every problem, naming the
// flags (or profile keys) the user wrote, and exit 2.
import { formatTemplate } from '../core/messages';
import { validateCreateSpec, validateModifySpec, validateSnapshotSpec, type Issue } from '../core/validation';
import type { CreateSnapshotSpec } from '../api/types';
import { CliFailure, ExitCode } from './exitCodes';

export type FieldNamer = (field: string) => string;

const same: FieldNamer = (f) => f;

export function checkCreate(spec: Record<string, unknown>, name: FieldNamer = same): void {
  fail('vm create', validateCreateSpec(spec), name);
}

export function checkModify(spec: Record<string, unknown>, name: FieldNamer = same): void {
  fail('vm modify', validateModifySpec(spec), name);
}

export function checkSnapshot(spec: CreateSnapshotSpec, servers: string[], name: FieldNamer = same): void {
  fail('snapshot create', validateSnapshotSpec(spec, { imageServers: servers }), name);
}

/** One line per issue, every field name in it (the subject, any other field, each of a list of fields) renamed. */
export function issueLines(issues: readonly Issue[], name: FieldNamer): string[] {
  const fields = new Set(issues.map((i) => i.field));
  const rename = (a: string, subject: string): string => (a === subject || fields.has(a) || name(a) !== a ? name(a) : a);
  return issues.map((issue) => {
    const args = issue.args.map((a) => a.split(', ').map((part) => rename(part, issue.field)).join(', '));
    return formatTemplate(issue.template, args);
  });
}

function fail(what: string, issues: readonly Issue[], name: FieldNamer): void {
  if (issues.length === 0) return;
  const lines = issueLines(issues, name);
  throw new CliFailure(`${what}: nothing was sent, because:\n${lines.map((l) => `  ${l}`).join('\n')}`, ExitCode.usage);
}
