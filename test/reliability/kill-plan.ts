/**
 * Where the sync processes of a chaos run die: seeded, so a failing run can
 * be replayed with the same seed. The first kill is by time (it may land in
 * start-up, discovery or table creation); the others by rows stored, spread
 * over the whole copy so they hit the middle of every phase of a table.
 */

export interface KillPoint {
  kind: 'time' | 'rows';
  /** Milliseconds after the spawn, or rows stored across the compared tables. */
  at: number;
}

/** mulberry32: a small seeded generator, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (random: () => number, low: number, high: number): number =>
  Math.round(low + random() * (high - low));

/**
 * `spread`: one early kill by time, then kills at increasing row counts between
 * 3 % and 75 % of `records`, at least 2 % apart. The top stays well below the end
 * because rows commit in batches of several pages: a last batch can jump from
 * below a late threshold straight to a finished run, and that kill never lands. `late`: kills by time only,
 * for the short runs after the world changed.
 */
export function killPlan(
  random: () => number,
  kills: number,
  records: number,
  style: 'spread' | 'late' = 'spread',
): KillPoint[] {
  if (style === 'late')
    return Array.from({ length: kills }, () => ({ kind: 'time', at: between(random, 400, 2500) }));
  const points: KillPoint[] = [{ kind: 'time', at: between(random, 300, 2500) }];
  const slots = kills - 1;
  const gap = 0.02;
  const width = (0.75 - 0.03 - gap * slots) / Math.max(1, slots);
  for (let i = 0; i < slots; i += 1) {
    const fraction = 0.03 + i * (width + gap) + random() * width;
    points.push({ kind: 'rows', at: Math.max(1, Math.round(fraction * records)) });
  }
  return points;
}
