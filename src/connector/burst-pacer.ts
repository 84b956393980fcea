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
 * the missing ones as sent now (a 429 too: the request itself waits out the
 * reset in the retry policy, the other readers only lose those slots).
 */
import { headerNumber, pacingDelayMs } from './retry-timing.js';
import type { HeaderGetter } from './retry-timing.js';

/** Pipedrive's documented burst window. */
export const BURST_WINDOW_MS = 2_000;
/**
 * The server counts a request from when it arrives, we from when it leaves: one that travels longer than
 * the one before it stays in the server's window after it left ours. Half a Pipedrive round trip covers it.
 */
export const WINDOW_MARGIN_MS = 50;
/** The longest a slow answer keeps its request in our window beyond the window itself. */
const MAX_HOLD_MS = 1_000;

/** A request's place in the window: when it may leave, then when the server may have counted it. */
export interface BurstSlot {
  at: number;
  waitMs: number;
  sentAt?: number;
}

export class BurstPacer {
  /** Recent and scheduled requests, ascending by send time. */
  private readonly sent: BurstSlot[] = [];
  private limit: number | undefined;
  private pausedUntil = 0;
  /** Fastest answer seen: the time a request takes when nothing holds it up. */
  private fastest = Infinity;

  /**
   * @param reserve requests of each window left unused: for requests that reach the server out of order and
   *   for other clients of the token.
   */
  constructor(
    private readonly now: () => number,
    private readonly reserve = 2,
    private readonly windowMs = BURST_WINDOW_MS + WINDOW_MARGIN_MS,
  ) {}

  /** Takes the next free slot; the request waits `waitMs` before it is sent. */
  schedule(): BurstSlot {
    const now = this.now();
    while (this.sent.length > 0 && this.sent[0]!.at <= now - this.windowMs) this.sent.shift();
    let at = Math.max(now, this.pausedUntil);
    const capacity = this.limit === undefined ? undefined : Math.max(1, this.limit - this.reserve);
    if (capacity !== undefined && this.sent.length >= capacity) {
      at = Math.max(at, this.sent[this.sent.length - capacity]!.at + this.windowMs);
    }
    const slot = { at, waitMs: at - now };
    this.sent.push(slot);
    return slot;
  }

  /**
   * The request leaves now. A busy event loop wakes a sleeper late, and a request counted at its planned
   * time would stay in the server's window after it left ours: under load that alone caused 429s.
   */
  sending(slot: BurstSlot): void {
    const now = this.now();
    slot.sentAt = now;
    this.moveTo(slot, now);
  }

  /**
   * The answer to `slot`'s request arrived. A request slower than the fastest one was held up on the way,
   * maybe before the server counted it (a busy server counts late: the first pages of every table at
   * once were what still ran into 429s), so it stays in our window by that much longer. Per endpoint
   * would be finer, but an endpoint's first answer is the one most likely to be slow.
   */
  answered(slot: BurstSlot): void {
    if (slot.sentAt === undefined) return;
    const took = this.now() - slot.sentAt;
    this.fastest = Math.min(this.fastest, took);
    this.moveTo(slot, slot.sentAt + Math.min(took - this.fastest, MAX_HOLD_MS));
  }

  private moveTo(slot: BurstSlot, at: number): void {
    if (at <= slot.at) return;
    slot.at = at;
    this.sent.sort((a, b) => a.at - b.at);
  }

  /** Learns the limit from a response and corrects our record when the server counts more than we sent. */
  observe(header: HeaderGetter): void {
    const limit = headerNumber(header, 'x-ratelimit-limit');
    if (limit !== undefined && limit > 0) this.limit = limit;
    if (this.limit === undefined) {
      // Nothing to schedule by: the headers are all there is, so pause at the reserve itself.
      const delay = pacingDelayMs(header, this.reserve);
      if (delay > 0) this.pausedUntil = Math.max(this.pausedUntil, this.now() + delay);
      return;
    }
    const remaining = headerNumber(header, 'x-ratelimit-remaining');
    if (remaining === undefined) return;
    // Our schedule leaves `reserve` free; each one fewer is a request we did not see, so it takes a slot.
    const at = Math.max(this.now(), this.sent[this.sent.length - 1]?.at ?? 0);
    for (let unseen = this.reserve - remaining; unseen > 0; unseen -= 1) this.sent.push({ at, waitMs: 0 });
  }
}
