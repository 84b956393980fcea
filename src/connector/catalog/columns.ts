/**
 * Column lists in a compact notation: "id:i title:s add_time:ts". Short
 * codes keep the catalog readable as a table rather than a wall of objects.
 */
import type { ColumnType } from '../../sync/contracts.js';
import type { ColumnSpec } from './types.js';

const CODES: Record<string, ColumnType> = {
  i: 'integer',
  s: 'string',
  t: 'text',
  n: 'number',
  d: 'decimal',
  b: 'boolean',
  ts: 'timestamp',
  date: 'date',
  time: 'time',
  j: 'json',
};

export function cols(spec: string): ColumnSpec[] {
  return spec
    .trim()
    .split(/\s+/)
    .map((entry) => {
      const [name, code] = entry.split(':');
      const type = code === undefined ? undefined : CODES[code];
      if (!name || !type) throw new Error(`bad column spec "${entry}"`);
      return [name, type] as const;
    });
}

/** Address components, flattened next to the full address (built-in and custom alike). */
export const ADDRESS_PARTS = [
  'street_number',
  'route',
  'sublocality',
  'locality',
  'admin_area_level_1',
  'admin_area_level_2',
  'country',
  'postal_code',
  'formatted_address',
  'subpremise',
] as const;

export function addressColumns(prefix: string): ColumnSpec[] {
  return [[prefix, 'text'], ...ADDRESS_PARTS.map((part) => [`${prefix}_${part}`, 'string'] as const)];
}
