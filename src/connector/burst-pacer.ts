/**
 * Proactive pacing for Pipedrive's burst limit: at most `x-ratelimit-limit`
 * requests per token in any rolling 2-second window. Every request is given
 * a send time when it asks, from our own record of what we sent (requests in
 * flight included), so concurrent readers share the window evenly and use
 * all of it: waiting for the server to say "nearly used up" and then pausing
 * for its whole-second reset left half the allowed rate unused and still let
 * the requests already in flight run into 429s.
 *
 * The server's headers stay the fallback for what our own record cannot
 * see (another integration on the same token, a request that reached the
 * server later than it left us): fewer requests left than the reserve takes
 * the missing ones as sent now, and a 429 pauses every reader until the
 * window resets.
 */
import { pacingDelayMs } from './retry-timing.js';
import type { HeaderGetter } from './retry-timing.js';

/** Pipedrive's documented burst window. */
export const BURST_WINDOW_MS = 2_000;
/**
 * The server counts a request from when it arrives, we from when it leaves: one that travels longer than
 * the one before it stays in the server's window after it left ours. Half a Pipedrive round trip covers it.
 */
export const WINDOW_MARGIN_MS = 50;

export class BurstPacer {
  /** Send times (ms) of recent and scheduled requests, ascending. */
  private readonly sent: number[] = [];
  private limit: number | undefined;
  private pausedUntil = 0;

  /**
   * @param reserve requests of each window left unused: for requests that reach the server out of order and
   *   for other clients of the token.
   */
  constructor(
    private readonly now: () => number,
    private readonly reserve = 2,
    private readonly windowMs = BURST_WINDOW_MS + WINDOW_MARGIN_MS,
  ) {}

  /** Takes the next free slot and returns how long to wait (ms) before sending in it. */
  schedule(): number {
    const now = this.now();
    while (this.sent.length > 0 && this.sent[0]! <= now - this.windowMs) this.sent.shift();
    let at = Math.max(now, this.pausedUntil);
    const capacity = this.limit === undefined ? undefined : Math.max(1, this.limit - this.reserve);
    if (capacity !== undefined && this.sent.length >= capacity) {
      at = Math.max(at, this.sent[this.sent.length - capacity]! + this.windowMs);
    }
    this.sent.push(at);
    return at - now;
  }

  /** Learns the limit from a response and corrects our record when the server counts more than we sent. */
  observe(status: number, header: HeaderGetter): void {
    const limit = header('x-ratelimit-limit');
    if (limit !== null && /^\d+$/.test(limit.trim()) && Number(limit) > 0) this.limit = Number(limit);
    if (this.limit === undefined) {
      // Nothing to schedule by: the headers are all there is, so pause at the reserve itself.
      this.pauseFor(pacingDelayMs(header, this.reserve));
      return;
    }
    if (status === 429) this.pauseFor(pacingDelayMs(header, 0) || BURST_WINDOW_MS);
    const remaining = header('x-ratelimit-remaining');
    if (remaining === null || !/^\d+$/.test(remaining.trim())) return;
    // Our schedule leaves `reserve` free; each one fewer is a request we did not see, so it takes a slot.
    const last = this.sent[this.sent.length - 1] ?? 0;
    for (let unseen = this.reserve - Number(remaining); unseen > 0; unseen -= 1)
      this.sent.push(Math.max(this.now(), last));
  }

  private pauseFor(delay: number): void {
    if (delay > 0) this.pausedUntil = Math.max(this.pausedUntil, this.now() + delay);
  }
}
