import { describe, expect, test } from 'vitest';
import { mergePatchFor } from '../../src/kube/merge-patch.js';

describe('merge patch for a status', () => {
  test.each([
    ['nothing changed', { a: 1, b: { c: [1] } }, { a: 1, b: { c: [1] } }, {}],
    ['a scalar changed', { a: 1 }, { a: 2 }, { a: 2 }],
    ['a key removed becomes null', { a: 1, b: 2 }, { a: 1 }, { b: null }],
    ['a key set to undefined becomes null', { a: 1, b: 2 }, { a: 1, b: undefined }, { b: null }],
    ['nested objects are patched key by key', { r: { x: 1, y: 2 } }, { r: { x: 1 } }, { r: { y: null } }],
    ['arrays are replaced whole', { l: [1, 2] }, { l: [2] }, { l: [2] }],
    ['a new key is added', {}, { n: { m: 'v' } }, { n: { m: 'v' } }],
  ])('%s', (_name, before, after, expected) => {
    expect(mergePatchFor(before, after)).toEqual(expected);
  });
});
