// A lease's time as people read it: the two largest units, rounded down ("2 d 4 h", "3 h 5 min",
// "12 min"), or under a minute "< 1 min". The editor translates the same parts.

export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
}

export function durationParts(seconds: number): DurationParts {
  const s = Math.max(0, Math.floor(Math.abs(seconds)));
  return { days: Math.floor(s / 86_400), hours: Math.floor((s % 86_400) / 3600), minutes: Math.floor((s % 3600) / 60) };
}

/** English, for the CLI: `2 d 4 h`, `3 h 5 min`, `12 min`, `< 1 min`. */
export function shortDuration(seconds: number): string {
  const { days, hours, minutes } = durationParts(seconds);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return minutes > 0 ? `${minutes} min` : '< 1 min';
}
