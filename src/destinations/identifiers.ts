import { createHash } from 'node:crypto';

/**
 * How an engine treats identifiers. Names the engine stores faithfully are kept
 * verbatim; any other name is cleaned and suffixed with a hash of the original, so
 * the mapping is deterministic, independent of the other names in the table, and
 * distinct inputs stay distinct even where the engine folds case or accents.
 */
export interface IdentifierRules {
  /** Longest identifier the engine accepts, measured in `unit`. */
  maxLength: number;
  unit: 'bytes' | 'chars';
  /** A name matching this is stored as is (when short enough and not reserved). */
  verbatim: RegExp;
  /** Characters replaced by `_` in a name that is not kept verbatim (global regex). */
  unsafe: RegExp;
  /** The engine compares identifiers case-insensitively: cleaned names are lower-cased. */
  foldsCase: boolean;
}

/** 10 hex digits (40 bits): collisions among a table's columns are practically impossible. */
const HASH_LENGTH = 10;

export function identifierHash(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest('hex').slice(0, HASH_LENGTH);
}

export function identifierLength(name: string, unit: IdentifierRules['unit']): number {
  if (unit === 'bytes') return Buffer.byteLength(name, 'utf8');
  let count = 0;
  for (const _ of name) count += 1;
  return count;
}

/** Cuts whole code points from the end until the name fits. */
function truncate(name: string, max: number, unit: IdentifierRules['unit']): string {
  if (identifierLength(name, unit) <= max) return name;
  const points = Array.from(name);
  while (points.length > 0 && identifierLength(points.join(''), unit) > max) points.pop();
  return points.join('');
}

/**
 * The physical name for a logical table or column name. `reserved` lists names the
 * destination uses itself (system columns, bookkeeping tables): a logical name equal
 * to one of them is moved aside the same way as an unsafe name.
 */
export function physicalIdentifier(
  name: string,
  rules: IdentifierRules,
  reserved?: ReadonlySet<string>,
): string {
  const keep =
    rules.verbatim.test(name) &&
    identifierLength(name, rules.unit) <= rules.maxLength &&
    !(reserved?.has(rules.foldsCase ? name.toLowerCase() : name) ?? false);
  if (keep) return name;
  const suffix = `_${identifierHash(name)}`;
  let base = name.replace(rules.unsafe, '_');
  if (rules.foldsCase) base = base.toLowerCase();
  return truncate(base, rules.maxLength - suffix.length, rules.unit) + suffix;
}
