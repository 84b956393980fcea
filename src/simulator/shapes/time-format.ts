/** RFC 3339 with second precision, as v2 returns (`2025-06-02T14:03:11Z`). */
export function rfc3339(ms: number | null): string | null {
  if (ms === null) return null;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}Z`;
}

/** v1 `YYYY-MM-DD HH:MM:SS` (UTC). */
export function v1Time(ms: number | null): string | null {
  if (ms === null) return null;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** v1 leads use ISO with milliseconds. */
export function isoMillis(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
