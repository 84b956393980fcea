/**
 * A list table: scan its endpoints and map each raw page to rows, stamping
 * rows from archived endpoints (and mail folders) as the endpoint says.
 */
import type { Bookmark, Page, ReadOptions, TableSchema } from '../../sync/contracts.js';
import type { TableSpec } from '../catalog/types.js';
import { rowMapper } from '../row-mapping.js';
import { scanTable } from './scan.js';
import type { ScanContext } from './scan.js';

export async function* readList(
  context: ScanContext,
  table: TableSchema,
  spec: TableSpec,
  bookmark: Bookmark | null,
  options: ReadOptions,
): AsyncGenerator<Page> {
  for await (const page of scanTable(context, spec, bookmark, options)) {
    const toRow = rowMapper(table, spec, { extra: page.endpoint.stamp ?? {} });
    yield { rows: page.rows.map(toRow), bookmark: page.bookmark };
  }
}
