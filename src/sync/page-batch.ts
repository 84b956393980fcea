/**
 * Consecutive pages of one table gathered into one write. A transaction per
 * page costs each destination several round trips and statements that a page
 * of 500 rows does not amortise; a batch of a few pages does. The batch keeps
 * the bookmark of its last page that carried one, so when it commits, the
 * bookmark covers exactly the rows committed with it and before it (never
 * more). Batches are written in order by batch-writer.ts.
 */
import type { Bookmark, EncodedPage } from './contracts.js';

/** When a batch is written: whichever cap is reached first (a single larger page goes alone). */
export interface BatchLimits {
  rows: number;
  pages: number;
}

/**
 * 5,000 rows read but not yet committed per table, at most: bounds memory
 * whatever the table size and what a kill makes the next run re-read. 4 pages
 * keeps commits frequent at small page sizes (the CLI's --page-size), so
 * progress stays visible, while 500-row pages still write 2,000 rows or more at once.
 */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { rows: 5000, pages: 4 };

/** One page read, as a batch keeps it: its rows already in the destination's form. */
export interface BatchPage {
  /** Null for a page without rows (one that only moves the bookmark). */
  rows: EncodedPage | null;
  bookmark: Bookmark | null;
  /** Rows of the page that the source flags deleted, counted before encoding. */
  deleted: number;
}

export class PageBatch {
  readonly pages: EncodedPage[] = [];
  private pageCount = 0;
  private count = 0;
  private deletedCount = 0;
  private lastBookmark: Bookmark | null = null;

  add(page: BatchPage): void {
    this.pageCount++;
    if (page.rows !== null && page.rows.rowCount > 0) {
      this.pages.push(page.rows);
      this.count += page.rows.rowCount;
    }
    this.deletedCount += page.deleted;
    if (page.bookmark !== null) this.lastBookmark = page.bookmark;
  }

  /** Nothing to write: no rows and no bookmark to move. */
  get empty(): boolean {
    return this.count === 0 && this.lastBookmark === null;
  }

  isFull(limits: BatchLimits): boolean {
    return this.count >= limits.rows || this.pageCount >= limits.pages;
  }

  get rowCount(): number {
    return this.count;
  }

  get deleted(): number {
    return this.deletedCount;
  }

  get bookmark(): Bookmark | null {
    return this.lastBookmark;
  }
}
