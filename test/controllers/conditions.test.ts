import { describe, expect, test } from 'vitest';
import type { Condition } from '../../src/api/index.js';
import { isConditionTrue, removeCondition, setCondition } from '../../src/controllers/conditions.js';

const T1 = new Date('2026-11-28T10:00:00.123Z');
const T2 = new Date('2026-11-28T11:00:00Z');
const ready: Condition = {
  type: 'Ready',
  status: 'True',
  reason: 'Validated',
  message: 'ok',
  lastTransitionTime: '2026-11-28T09:00:00Z',
  observedGeneration: 1,
};

describe('setCondition', () => {
  test('adds a new condition with lastTransitionTime now, at second precision', () => {
    const list = setCondition(
      undefined,
      { type: 'Ready', status: 'False', reason: 'SecretNotFound', message: 'm' },
      T1,
    );
    expect(list).toEqual([
      {
        type: 'Ready',
        status: 'False',
        reason: 'SecretNotFound',
        message: 'm',
        lastTransitionTime: '2026-11-28T10:00:00Z',
      },
    ]);
  });

  test('keeps lastTransitionTime when only reason, message or generation change', () => {
    const [next] = setCondition(
      [ready],
      { type: 'Ready', status: 'True', reason: 'Validated', message: 'new', observedGeneration: 2 },
      T2,
    );
    expect(next).toEqual({ ...ready, message: 'new', observedGeneration: 2 });
  });

  test('moves lastTransitionTime when the status flips', () => {
    const [next] = setCondition(
      [ready],
      { type: 'Ready', status: 'False', reason: 'InvalidCredentials', message: 'm' },
      T2,
    );
    expect(next?.lastTransitionTime).toBe('2026-11-28T11:00:00Z');
  });

  test('leaves other conditions and the input list untouched', () => {
    const stalled: Condition = { ...ready, type: 'Stalled' };
    const input = [ready, stalled];
    const list = setCondition(input, { type: 'Ready', status: 'False', reason: 'X', message: '' }, T2);
    expect(list[1]).toBe(stalled);
    expect(input[0]).toBe(ready);
    expect(removeCondition(list, 'Stalled').map((c) => c.type)).toEqual(['Ready']);
    expect(isConditionTrue(list, 'Ready')).toBe(false);
    expect(isConditionTrue(input, 'Ready')).toBe(true);
  });
});
