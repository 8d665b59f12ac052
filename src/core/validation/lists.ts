import { fieldIssue, type Issue } from './issue';
import { typeName } from './values';

export interface ListEntry {
  /** `<field>[<index>]` */
  name: string;
  entry: string;
  /** Set when the list or the entry has the wrong type. */
  issue?: Issue;
}

/**
 * The non-blank string entries of an optional list field, each with its indexed name. A value that is
 * not a list yields one entry carrying the type issue; entries that are not strings carry their own.
 */
export function listEntries(field: string, value: unknown): ListEntry[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return [{ name: field, entry: '', issue: fieldIssue(field, 'notList', typeName(value)) }];
  const entries: ListEntry[] = [];
  value.forEach((entry: unknown, i) => {
    const name = `${field}[${i}]`;
    if (typeof entry !== 'string') entries.push({ name, entry: '', issue: fieldIssue(name, 'notText', typeName(entry)) });
    else if (entry.trim() !== '') entries.push({ name, entry });
  });
  return entries;
}

/** Only the type rules: an optional list of strings (e.g. `network_filters`). */
export function checkStringList(field: string, value: unknown): Issue[] {
  return listEntries(field, value).flatMap((e) => (e.issue ? [e.issue] : []));
}

/** The non-blank strings of a list value, or [] when it is not a list. */
export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}
