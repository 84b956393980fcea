import type { EncodedPage, Row } from '../sync/contracts.js';
import { DestinationError } from '../sync/errors.js';
import type { TableLayout } from './layout.js';
import type { TextBytes } from './text-bytes.js';
import { lineWriter } from './text-bytes.js';

/**
 * A page as bulk-load text (PostgreSQL's COPY, MySQL's LOAD DATA), kept as
 * bytes outside the JavaScript heap from the moment it is read until its batch
 * commits, with each line's key beside it for the two checks a write makes on
 * keys (all new? any repeated?).
 */
export class TextPage implements EncodedPage {
  constructor(
    /** The engine whose text this is: the flavors differ (booleans, timestamps, NUL). */
    readonly engine: string,
    readonly rowCount: number,
    /** One line per row, `_synced_at` last, each ending in a newline (newlines in values are escaped). */
    readonly text: Buffer,
    /** Per line: the primary-key value (single-column keys) or the key columns' texts joined. */
    readonly keys: readonly unknown[],
  ) {}
}

/** `end` closes every line: the `_synced_at` field and the newline. */
export function encodeTextPage(
  engine: string,
  scratch: TextBytes,
  layout: TableLayout,
  rows: readonly Row[],
  end: string,
): TextPage {
  const line = lineWriter(layout, scratch.flavor);
  scratch.start();
  for (const row of rows) line(row, scratch, end);
  const names = layout.columns.filter((c) => c.primaryKey).map((c) => c.name);
  const keys =
    names.length === 1
      ? rows.map((row) => row[names[0]!])
      : rows.map((row) => names.map((k) => String(row[k])).join('\u0001'));
  return new TextPage(engine, rows.length, scratch.take(), keys);
}

export function asTextPage(page: EncodedPage, engine: string): TextPage {
  if (page instanceof TextPage && page.engine === engine) return page;
  throw new DestinationError(`${engine} was given rows encoded for another destination.`, {
    retryable: false,
  });
}

/** A batch's text and keys, ready for one bulk load. */
export interface TextBatch {
  chunks: Buffer[];
  keys: unknown[];
}

/**
 * The batch's lines keeping only the last line per key, in order: one INSERT ... ON CONFLICT cannot
 * touch a row twice, and a bulk load into a keyed table would keep the first. Pages listed under
 * offsets can repeat a row across a page boundary; most batches have no repeat and go through untouched.
 */
export function lastLinePerKey(pages: readonly TextPage[]): TextBatch {
  const keys = pages.flatMap((p) => p.keys);
  // By text: 5 and "5" are one key to the database.
  const last = new Map<string, number>();
  keys.forEach((key, i) => last.set(String(key), i));
  if (last.size === keys.length) return { chunks: pages.map((p) => p.text), keys };
  const kept: Buffer[] = [];
  let index = 0;
  for (const page of pages) {
    let start = 0;
    for (let n = 0; n < page.rowCount; n++, index++) {
      const end = page.text.indexOf(0x0a, start) + 1;
      if (last.get(String(keys[index])) === index) kept.push(page.text.subarray(start, end));
      start = end;
    }
  }
  return { chunks: [Buffer.concat(kept)], keys: keys.filter((key, i) => last.get(String(key)) === i) };
}
