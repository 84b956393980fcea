import { TABLE_NAMES } from '../connector/index.js';
import { UsageError } from './command.js';

/** Parses `--tables a,b` (or a config list) against the catalog; undefined means every table. */
export function tableSelection(raw: string | string[] | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const names = (Array.isArray(raw) ? raw : raw.split(',')).map((n) => n.trim()).filter((n) => n !== '');
  if (names.length === 0) return undefined;
  const unknown = names.filter((n) => !TABLE_NAMES.includes(n));
  if (unknown.length > 0) {
    const label =
      unknown.length === 1
        ? `Unknown table '${unknown[0]}'`
        : `Unknown tables ${unknown.map((n) => `'${n}'`).join(', ')}`;
    throw new UsageError(`${label}; valid tables are: ${TABLE_NAMES.join(', ')}.`);
  }
  return [...new Set(names)];
}
