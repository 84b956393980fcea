import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Row, Source, TableSchema } from '../../src/sync/contracts.js';
import type { WorkerResult } from './worker-job.js';

/**
 * The rows a bare load writes are the connector's own rows for the same company: read once into NDJSON files
 * (untimed setup), then loaded by bare-load.ts. A dump is reused when its directory is already complete.
 */

export async function dumpTables(
  source: Source,
  tables: string[],
  dir: string,
): Promise<Partial<WorkerResult>> {
  mkdirSync(dir, { recursive: true });
  const schemas = await source.discover({ knownCustomFields: [], tables });
  const signpost = new Date();
  let rows = 0;
  for (const schema of schemas) {
    const out = createWriteStream(join(dir, `${schema.name}.ndjson`));
    for await (const page of source.read(schema, null, { mode: 'full', signpost })) {
      let chunk = '';
      for (const row of page.rows) chunk += `${JSON.stringify(row)}\n`;
      rows += page.rows.length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  }
  writeFileSync(join(dir, 'schemas.json'), JSON.stringify(schemas));
  return { rows };
}

export const dumpIsComplete = (dir: string): boolean => existsSync(join(dir, 'schemas.json'));

export function readSchemas(dir: string): TableSchema[] {
  return JSON.parse(readFileSync(join(dir, 'schemas.json'), 'utf8')) as TableSchema[];
}

export function readRows(dir: string, table: string): Row[] {
  const text = readFileSync(join(dir, `${table}.ndjson`), 'utf8');
  const rows: Row[] = [];
  for (const line of text.split('\n')) if (line !== '') rows.push(JSON.parse(line) as Row);
  return rows;
}
