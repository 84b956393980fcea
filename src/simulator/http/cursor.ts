import type { SortValue } from '../world/record.js';
import { ApiError } from './api-types.js';

export interface CursorPosition {
  field: string;
  fieldValue: SortValue;
  sortDirection: 'asc' | 'desc';
  id: number;
}

/**
 * Opaque cursors carry the last (sort key, id) returned, so the next page starts
 * strictly after it: records changing between pages are never skipped nor repeated
 * unless their sort key itself moved.
 */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(
  raw: string | null,
  field: string,
  direction: 'asc' | 'desc',
): CursorPosition | undefined {
  if (raw === null || raw === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new ApiError(400, 'Invalid cursor.');
  }
  const p = parsed as Partial<CursorPosition>;
  if (
    typeof p !== 'object' ||
    p === null ||
    typeof p.id !== 'number' ||
    p.field !== field ||
    p.sortDirection !== direction
  ) {
    throw new ApiError(400, 'Invalid cursor: it does not belong to this sort order.');
  }
  return { field, sortDirection: direction, id: p.id, fieldValue: p.fieldValue ?? null };
}
