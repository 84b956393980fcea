import { describe, expect, test } from 'vitest';
import { BurstPacer } from '../../src/connector/burst-pacer.js';

const headers =
  (values: Record<string, string>) =>
  (name: string): string | null =>
    values[name] ?? null;

/** Schedules `count` requests at `now` and returns the send times they were given. */
function sendTimes(pacer: BurstPacer, now: number, count: number): number[] {
  return Array.from({ length: count }, () => now + pacer.schedule().waitMs);
}

describe('burst pacer', () => {
  test('sends at once while the limit is unknown', () => {
    const pacer = new BurstPacer(() => 0, 2, 1000);
    expect(sendTimes(pacer, 0, 50).every((at) => at === 0)).toBe(true);
  });

  test('gives at most limit - reserve requests to every window, in flight ones included', () => {
    let now = 0;
    const pacer = new BurstPacer(() => now, 2, 1000);
    pacer.observe(headers({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '9' }));
    const times = sendTimes(pacer, now, 30);
    expect(times.slice(0, 8)).toEqual(Array(8).fill(0));
    expect(times.slice(8, 16)).toEqual(Array(8).fill(1000));
    expect(times.slice(16, 24)).toEqual(Array(8).fill(2000));
    for (const at of times)
      expect(times.filter((t) => t >= at && t < at + 1000).length).toBeLessThanOrEqual(8);
    // Slots free up as the window moves on: nothing sent in the last window, no wait.
    now = 10_000;
    expect(pacer.schedule().waitMs).toBe(0);
  });

  test('takes requests the server counted but we did not send as sent now', () => {
    const pacer = new BurstPacer(() => 0, 2, 1000);
    pacer.observe(headers({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '9' }));
    sendTimes(pacer, 0, 5);
    // The server has 9 in its window (1 left) where our 5 explain 8 at most: one more is someone else's.
    pacer.observe(headers({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '1' }));
    expect(sendTimes(pacer, 0, 3)).toEqual([0, 0, 1000]);
  });

  test('a request sent late counts from when it left, not from when it was planned', () => {
    let now = 0;
    const pacer = new BurstPacer(() => now, 2, 1000);
    pacer.observe(headers({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '9' }));
    const slots = Array.from({ length: 8 }, () => pacer.schedule());
    for (const slot of slots.slice(0, 7)) pacer.sending(slot);
    // A busy event loop wakes the last one 300 ms late: the server counts it until 1300.
    now = 300;
    pacer.sending(slots[7]!);
    now = 1000;
    expect(sendTimes(pacer, now, 8)).toEqual([...Array(7).fill(1000), 1300]);
  });

  test('a slow answer keeps its request in the window by how much slower than the fastest it was', () => {
    let now = 0;
    const pacer = new BurstPacer(() => now, 2, 1000);
    pacer.observe(headers({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '9' }));
    const slots = Array.from({ length: 8 }, () => pacer.schedule());
    for (const slot of slots) pacer.sending(slot);
    now = 100;
    for (const slot of slots.slice(0, 7)) pacer.answered(slot);
    // Held up 250 ms longer than the others: the server may have counted it as late as 250.
    now = 350;
    pacer.answered(slots[7]!);
    now = 1000;
    expect(sendTimes(pacer, now, 8)).toEqual([...Array(7).fill(1000), 1250]);
  });

  test('a 429 (none left) takes the reserve as sent by someone else', () => {
    const pacer = new BurstPacer(() => 0, 2, 1000);
    pacer.observe(headers({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0' }));
    expect(sendTimes(pacer, 0, 7)).toEqual([0, 0, 0, 0, 0, 0, 1000]);
  });

  test('without a limit header, pauses when the server says the reserve is reached', () => {
    const pacer = new BurstPacer(() => 0, 2, 1000);
    pacer.observe(headers({ 'x-ratelimit-remaining': '2', 'x-ratelimit-reset': '1' }));
    expect(pacer.schedule().waitMs).toBe(1000);
  });
});
