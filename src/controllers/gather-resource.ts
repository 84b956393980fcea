/**
 * Parses a custom resource from the cache through its zod schema (style rule
 * 22: parse once at the boundary). The schema fills defaults the API server
 * did not (objects created before a default existed) and rejects what the CRD
 * validation let through; such an object cannot be reconciled until it is
 * edited, so that is a TerminalError (no retry loop; the edit's watch event
 * brings it back).
 */
import type { z } from 'zod';
import { TerminalError } from '../kube/controller.js';

export function parseResource<S extends z.ZodType>(schema: S, raw: unknown, key: string): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new TerminalError(`${key} does not match its schema: ${issues}`);
}
