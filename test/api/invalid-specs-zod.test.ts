import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { pipedriveConnectionSchema, syncJobSchema } from '../../src/api/index.js';
import { aValidConnection, aValidSyncJob, INVALID_SPECS } from './invalid-specs.js';

const schemas: Record<string, z.ZodType> = {
  PipedriveConnection: pipedriveConnectionSchema,
  SyncJob: syncJobSchema,
};

/** zod's path as the API server writes it: spec.tables[1]. */
function fieldOf(path: PropertyKey[]): string {
  return path
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .join('')
    .replace(/^\./, '');
}

describe('the zod schemas reject the invalid-spec corpus, naming the field', () => {
  test('the corpus holds at least 40 cases', () => expect(INVALID_SPECS.length).toBeGreaterThanOrEqual(40));

  test.each(INVALID_SPECS.filter((c) => !c.serverOnly).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = schemas[c.kind]!.safeParse(c.object);
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => fieldOf(i.path));
    expect(
      fields.some((f) => f === c.field || f.startsWith(`${c.field}.`) || f.startsWith(`${c.field}[`)),
    ).toBe(true);
  });

  test('the valid bases of the corpus are accepted', () => {
    expect(pipedriveConnectionSchema.safeParse(aValidConnection()).success).toBe(true);
    expect(syncJobSchema.safeParse(aValidSyncJob()).success).toBe(true);
  });
});
