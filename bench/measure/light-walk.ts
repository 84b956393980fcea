import { Agent, get } from 'node:http';
import { cpuSecondsSince } from './page-walk.js';
import type { PageWalk } from './page-walk.js';

/**
 * A client that costs the server benchmark as little as possible: node:http with keep-alive, bodies kept as bytes,
 * the cursor read from the body's tail. Records are counted as `limit` per page that offers a next cursor; every
 * SAMPLE_EVERY-th page and the last page are parsed in full to check that count, so a short page cannot inflate it.
 */

const SAMPLE_EVERY = 50;
const TAIL = Buffer.from('"next_cursor":');

interface Envelope {
  data?: unknown[] | null;
  additional_data?: { next_cursor?: string | null } | null;
}

function fetchBytes(url: URL, headers: Record<string, string>, agent: Agent): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(url, { headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        if (response.statusCode !== 200)
          reject(
            new Error(
              `GET ${url.pathname} answered ${response.statusCode}: ${body.toString().slice(0, 200)}`,
            ),
          );
        else resolve(body);
      });
      response.on('error', reject);
    }).on('error', reject);
  });
}

function tailCursor(body: Buffer): string | null {
  const at = body.lastIndexOf(TAIL);
  if (at < 0) throw new Error('the page has no next_cursor');
  const rest = body.subarray(at + TAIL.length, at + TAIL.length + 2048).toString('utf8');
  const match = /^\s*(null|"([^"]*)")/.exec(rest);
  if (!match) throw new Error(`unreadable next_cursor: ${rest.slice(0, 40)}`);
  return match[2] ?? null;
}

export async function walkPagesLight(options: {
  url: string;
  limit: number;
  headers?: Record<string, string>;
  maxPages?: number;
}): Promise<PageWalk> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  const walk: PageWalk = { pages: 0, records: 0, bytes: 0, seconds: 0, cpuSeconds: 0 };
  const started = performance.now();
  const cpu = process.cpuUsage();
  let cursor: string | null = null;
  try {
    do {
      const url = new URL(options.url);
      url.searchParams.set('limit', String(options.limit));
      if (cursor) url.searchParams.set('cursor', cursor);
      const body = await fetchBytes(url, options.headers ?? {}, agent);
      cursor = tailCursor(body);
      walk.pages += 1;
      walk.bytes += body.length;
      const last = cursor === null || walk.pages >= maxPages;
      if (last || walk.pages % SAMPLE_EVERY === 1) {
        const page = JSON.parse(body.toString('utf8')) as Envelope;
        const count = page.data?.length ?? 0;
        if (!last && count !== options.limit)
          throw new Error(`page ${walk.pages} has ${count} records, not ${options.limit}`);
        if (page.additional_data?.next_cursor !== cursor)
          throw new Error(`page ${walk.pages}: tail cursor misread`);
        walk.records += count;
      } else {
        walk.records += options.limit;
      }
    } while (cursor && walk.pages < maxPages);
  } finally {
    agent.destroy();
  }
  walk.seconds = (performance.now() - started) / 1000;
  walk.cpuSeconds = cpuSecondsSince(cpu);
  return walk;
}
