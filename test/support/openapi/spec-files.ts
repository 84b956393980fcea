import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { OpenApiDocument } from './types.js';

/** Locates and parses the official Pipedrive OpenAPI files for the conformance tests. */

export const OPENAPI_DIR_ENV = 'PIPEDRIVE_OPENAPI_DIR';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DEFAULT_DIR = resolve(REPO_ROOT, '../shared/pipedrive-openapi');
const DOWNLOAD_DIR = join(REPO_ROOT, '.cache', 'pipedrive-openapi');
const PARSED_CACHE_DIR = join(REPO_ROOT, '.cache', 'openapi-json');

/** Pipedrive's published files; the deprecated-v1 snapshot has no published URL. */
const PUBLISHED: Record<'v1.yaml' | 'v2.yaml', readonly string[]> = {
  'v1.yaml': ['https://developers.pipedrive.com/docs/api/v1/openapi.yaml'],
  'v2.yaml': [
    'https://developers.pipedrive.com/docs/api/v2/openapi.yaml',
    'https://developers.pipedrive.com/docs/api/v1/openapi-v2.yaml',
  ],
};

export interface SpecDocuments {
  v1: OpenApiDocument;
  v2: OpenApiDocument;
  /** v1 snapshot that still lists the deprecated deals/persons/... paths; absent when only the published files exist. */
  v1Deprecated: OpenApiDocument | undefined;
  /** Where the files came from, for test output. */
  origin: string;
}

export class SpecUnavailableError extends Error {}

function specDirectory(): string {
  return process.env[OPENAPI_DIR_ENV] ? resolve(process.env[OPENAPI_DIR_ENV]) : DEFAULT_DIR;
}

/** Parsing 2-3 MB of YAML takes seconds; a JSON copy keyed by path, size and mtime makes reruns fast. */
function parseCached(file: string): OpenApiDocument {
  const stat = statSync(file);
  const key = createHash('sha1').update(`${file}:${stat.size}:${stat.mtimeMs}`).digest('hex');
  const cached = join(PARSED_CACHE_DIR, `${key}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as OpenApiDocument;
  const doc = parse(readFileSync(file, 'utf8'), { maxAliasCount: -1 }) as OpenApiDocument;
  mkdirSync(PARSED_CACHE_DIR, { recursive: true });
  writeFileSync(cached, JSON.stringify(doc));
  return doc;
}

async function download(name: 'v1.yaml' | 'v2.yaml'): Promise<string> {
  const target = join(DOWNLOAD_DIR, name);
  if (existsSync(target)) return target;
  const failures: string[] = [];
  for (const url of PUBLISHED[name]) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const text = await response.text();
      if (!text.startsWith('openapi:')) throw new Error('response is not an OpenAPI YAML file');
      mkdirSync(DOWNLOAD_DIR, { recursive: true });
      writeFileSync(target, text);
      return target;
    } catch (error) {
      failures.push(`${url}: ${(error as Error).message}`);
    }
  }
  throw new Error(failures.join('; '));
}

let loaded: Promise<SpecDocuments> | undefined;

/**
 * Reads v1.yaml, v2.yaml and v1-2026-01-with-deprecated.yaml from $PIPEDRIVE_OPENAPI_DIR (default
 * ../shared/pipedrive-openapi); when the directory lacks them, downloads Pipedrive's published files.
 * Throws SpecUnavailableError naming the env var when neither works: conformance must never pass without a spec.
 */
export function loadSpecDocuments(): Promise<SpecDocuments> {
  loaded ??= readSpecDocuments(specDirectory());
  return loaded;
}

/** Unmemoised form of loadSpecDocuments, with the downloader injectable so the failure path can be tested. */
export async function readSpecDocuments(
  dir: string,
  fetchPublished: (name: 'v1.yaml' | 'v2.yaml') => Promise<string> = download,
): Promise<SpecDocuments> {
  const local = (name: string): string | undefined =>
    existsSync(join(dir, name)) ? join(dir, name) : undefined;
  const v1Local = local('v1.yaml');
  const v2Local = local('v2.yaml');
  const deprecated = local('v1-2026-01-with-deprecated.yaml');
  if (v1Local && v2Local) {
    return {
      v1: parseCached(v1Local),
      v2: parseCached(v2Local),
      v1Deprecated: deprecated ? parseCached(deprecated) : undefined,
      origin: dir,
    };
  }
  try {
    const [v1File, v2File] = await Promise.all([fetchPublished('v1.yaml'), fetchPublished('v2.yaml')]);
    return {
      v1: parseCached(v1File),
      v2: parseCached(v2File),
      v1Deprecated: deprecated ? parseCached(deprecated) : undefined,
      origin: `downloaded to ${DOWNLOAD_DIR}`,
    };
  } catch (error) {
    throw new SpecUnavailableError(
      `Pipedrive OpenAPI files are not available: ${dir} has no v1.yaml/v2.yaml and downloading the published ` +
        `files failed (${(error as Error).message}). Set ${OPENAPI_DIR_ENV} to a directory holding v1.yaml, ` +
        `v2.yaml and v1-2026-01-with-deprecated.yaml.`,
    );
  }
}
