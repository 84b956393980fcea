import type { EncodedPage, Row } from '../../sync/contracts.js';
import { DestinationError } from '../../sync/errors.js';
import type { TableLayout } from '../layout.js';
import { CopyBytes, copyLineWriter } from './copy-bytes.js';

/**
 * A page as COPY text, kept as bytes outside the JavaScript heap from the
 * moment it is read until its batch commits, with each line's key beside it
 * for the two checks a write makes on keys (all new? any repeated?).
 */
export class CopyTextPage implements EncodedPage {
  constructor(
    readonly rowCount: number,
    /** One line per row, `_synced_at` last, each ending in a newline (newlines in values are escaped). */
    readonly text: Buffer,
    /** Per line: the primary-key value (single-column keys) or the key columns' texts joined. */
    readonly keys: readonly unknown[],
  ) {}
}

/** Encoding is synchronous, so one growing buffer serves every page of every table. */
const scratch = new CopyBytes();

export function encodeCopyPage(layout: TableLayout, rows: readonly Row[], syncedAt: string): CopyTextPage {
  const line = copyLineWriter(layout);
  const end = `\t${syncedAt}\n`;
  scratch.start();
  for (const row of rows) line(row, scratch, end);
  const names = layout.columns.filter((c) => c.primaryKey).map((c) => c.name);
  const keys =
    names.length === 1
      ? rows.map((row) => row[names[0]!])
      : rows.map((row) => names.map((k) => String(row[k])).join('\u0001'));
  return new CopyTextPage(rows.length, scratch.take(), keys);
}

export function asCopyTextPage(page: EncodedPage): CopyTextPage {
  if (page instanceof CopyTextPage) return page;
  throw new DestinationError('PostgreSQL was given rows encoded for another destination.', {
    retryable: false,
  });
}

/** A batch's COPY text and keys, ready for one COPY. */
export interface CopyBatch {
  chunks: Buffer[];
  keys: unknown[];
}

/**
 * The batch's lines keeping only the last line per key, in order: one INSERT ... ON CONFLICT cannot
 * touch a row twice. Pages listed under offsets can repeat a row across a page boundary; most batches
 * have no repeat and go through untouched.
 */
export function lastLinePerKey(pages: readonly CopyTextPage[]): CopyBatch {
  const keys = pages.flatMap((p) => p.keys);
  const last = new Map<unknown, number>();
  keys.forEach((key, i) => last.set(key, i));
  if (last.size === keys.length) return { chunks: pages.map((p) => p.text), keys };
  const kept: Buffer[] = [];
  let index = 0;
  for (const page of pages) {
    let start = 0;
    for (let n = 0; n < page.rowCount; n++, index++) {
      const end = page.text.indexOf(0x0a, start) + 1;
      if (last.get(keys[index]) === index) kept.push(page.text.subarray(start, end));
      start = end;
    }
  }
  return { chunks: [Buffer.concat(kept)], keys: [...last.keys()] };
}
