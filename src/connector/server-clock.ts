/**
 * The run's signpost on the API server's clock. Change times (update_time)
 * are stamped by Pipedrive's clock, so the upper bound of an incremental read
 * and the next run's lower bound must come from that clock too: a client
 * clock running ahead would skip changes, one running behind would re-read
 * them. A run's signpost is the `Date` header of its first response (during
 * discover) less a margin, fixed for every read of the run. The offset to
 * the local clock is kept too, so a Source reused for another run without a
 * new discover still gets that run's own signpost.
 */
import type { HeaderGetter } from './retry-timing.js';

/** The Date header counts whole seconds and is stamped before we read it: stay below the server's time. */
export const SIGNPOST_MARGIN_MS = 1_000;

export class ServerClock {
  /** Server time minus local time, from a Date header; undefined until a response carried one. */
  private offsetMs: number | undefined;
  /** The Date of the first response since the last reset, until a run takes it as its signpost. */
  private unused: number | undefined;
  private measureNext = true;
  /** The current run's signpost, keyed by the engine's run start (the same for every read of a run). */
  private run: { start: number; signpost: Date } | undefined;

  constructor(private readonly local: () => Date) {}

  /** A run starts (discover): its first response with a Date header sets the signpost. */
  reset(): void {
    this.measureNext = true;
    this.unused = undefined;
  }

  observe(header: HeaderGetter): void {
    if (!this.measureNext) return;
    const value = header('date');
    const server = value ? Date.parse(value) : Number.NaN;
    if (!Number.isFinite(server)) return;
    this.offsetMs = server - this.local().getTime();
    this.unused = server;
    this.measureNext = false;
  }

  /**
   * The signpost of the run that started at `runStart` (the engine's local clock): the run's first
   * Date header less the margin; for a run without one, the local time moved by the last measured
   * offset; `runStart` itself when no response ever carried a Date header.
   */
  signpost(runStart: Date): Date {
    if (this.run?.start === runStart.getTime()) return this.run.signpost;
    let server: number | undefined = this.unused;
    if (server === undefined && this.offsetMs !== undefined) server = this.local().getTime() + this.offsetMs;
    this.unused = undefined;
    const raw = server === undefined ? runStart.getTime() : server - SIGNPOST_MARGIN_MS;
    // Pipedrive stamps update_time in whole seconds: a signpost inside a second would put a change made
    // later in that same second below the next run's inclusive lower bound. Whole seconds never do.
    const signpost = new Date(Math.floor(raw / 1000) * 1000);
    this.run = { start: runStart.getTime(), signpost };
    return signpost;
  }
}
