/** The simulator's notion of time; tests move it to make records age (e.g. the 30-day purge). */
export interface SimulatorClock {
  now(): Date;
  advance(ms: number): void;
  set(date: Date): void;
}

/** A fixed start derived from the seed, for tests that compare timestamps across runs (`startAt`). */
export function startDateForSeed(seed: number): Date {
  const day = 86_400_000;
  return new Date(Date.UTC(2026, 0, 1) + (Math.abs(seed) % 200) * day);
}

export function floorSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** A clock that starts at `start` and then follows real time, plus any advance/set offsets. */
export function createSimulatorClock(start: Date, realNow: () => number = Date.now): SimulatorClock {
  let offset = start.getTime() - realNow();
  return {
    now: () => new Date(realNow() + offset),
    advance(ms: number) {
      offset += ms;
    },
    set(date: Date) {
      offset = date.getTime() - realNow();
    },
  };
}
