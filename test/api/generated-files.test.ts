import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { generatedFiles, REPOSITORY_ROOT } from '../../src/api/generate-crds.js';

describe('files generated from the zod schemas', () => {
  test.each([...generatedFiles()])(
    '%s is up to date (run `npm run crds` after changing src/api)',
    (path, expected) => {
      expect(readFileSync(join(REPOSITORY_ROOT, path), 'utf8')).toBe(expected);
    },
  );
});
