const DAY_MS = 86_400_000;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Formatted days and seconds-of-day, filled on first use: a page of 500 deals formats thousands of
 * timestamps, while a company spans only a few thousand distinct days. Bounded by the index ranges below
 * (days 0..CACHED_DAYS after 1970, 86,400 clock strings), so memory stays a few MB at most.
 */
const CACHED_DAYS = 146_097; // 400 years
// Pre-sized arrays of '' (not holey, not Maps): a lookup is one indexed load on the hot path.
const dates: string[] = new Array<string>(CACHED_DAYS).fill('');
const clocks: string[] = new Array<string>(86_400).fill('');

/**
 * `YYYY-MM-DD` of a UTC epoch-ms, by civil-from-days arithmetic: several times
 * faster than `Date#toISOString`, which matters when a page formats thousands of times.
 */
export function utcDate(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  // Written so NaN (a time that is not a number) takes the uncached path and formats as it always did.
  if (!(days >= 0 && days < CACHED_DAYS)) return civilDate(days);
  let date = dates[days]!;
  if (date === '') dates[days] = date = civilDate(days);
  return date;
}

function civilDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** `HH:MM:SS` of the UTC day (each of the 86,400 texts built once). */
export function utcClock(ms: number): string {
  const s = Math.floor((((ms % DAY_MS) + DAY_MS) % DAY_MS) / 1000);
  if (!(s >= 0 && s < 86_400)) return clockOfSecond(s);
  let clock = clocks[s]!;
  if (clock === '') clocks[s] = clock = clockOfSecond(s);
  return clock;
}

function clockOfSecond(s: number): string {
  return `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
}

/** RFC 3339 with second precision, as v2 returns (`2025-06-02T14:03:11Z`). */
export function rfc3339(ms: number | null): string | null {
  if (ms === null) return null;
  return `${utcDate(ms)}T${utcClock(ms)}Z`;
}

/** The `YYYY-MM-DD` part of rfc3339(ms) (v2 `local_*_date`), without formatting the clock to drop it. */
export function rfc3339Day(ms: number): string {
  const day = utcDate(ms);
  return day.length === 10 ? day : (rfc3339(ms) as string).slice(0, 10);
}

/** v1 `YYYY-MM-DD HH:MM:SS` (UTC). */
export function v1Time(ms: number | null): string | null {
  if (ms === null) return null;
  return `${utcDate(ms)} ${utcClock(ms)}`;
}

/** v1 leads use ISO with milliseconds. */
export function isoMillis(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
