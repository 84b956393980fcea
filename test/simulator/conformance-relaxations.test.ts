import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  loadSpecDocuments,
  OPENAPI_DIR_ENV,
  readSpecDocuments,
  RELAXATIONS,
  ResponseValidator,
  SpecUnavailableError,
} from '../support/openapi/index.js';
import type { ResponseCheck } from '../support/openapi/index.js';

// The validator must be exactly as lax as the documented relaxations, no more: each case below would fail
// if a relaxation were missing or if the validator accepted something the spec forbids.

let validator: ResponseValidator;
beforeAll(async () => {
  validator = new ResponseValidator(await loadSpecDocuments());
}, 120_000);

const v2Deal = { id: 1, title: 'Deal', org_id: 5, is_deleted: false, custom_fields: {} };
const v1Lead = {
  id: '8c2ef1b4-6a3e-4b59-9c1e-0f6a1d1f2b3c',
  title: 'Lead',
  add_time: '2026-01-02T03:04:05Z',
  is_archived: false,
};

const v2Deals = (body: unknown): ResponseCheck => ({
  version: 'v2',
  method: 'get',
  pathTemplate: '/deals',
  status: 200,
  body,
});
const v1Leads = (body: unknown): ResponseCheck => ({
  version: 'v1',
  method: 'get',
  pathTemplate: '/leads',
  status: 200,
  body,
});
const v2List = (data: unknown, next_cursor: unknown = 'abc') =>
  v2Deals({ success: true, data, additional_data: { next_cursor } });
const v1List = (data: unknown) =>
  v1Leads({
    success: true,
    data,
    additional_data: { start: 0, limit: 100, more_items_in_collection: false },
  });

describe('the validator holds bodies to the spec', () => {
  test.each([
    ['a v2 deal page', v2List([v2Deal])],
    ['record-fields-nullable: v2 org_id null', v2List([{ ...v2Deal, org_id: null }])],
    ['next-cursor-null-on-last-page', v2List([v2Deal], null)],
    ['v1-empty-list-data-null', v1List(null)],
    ['v1-space-separated-date-time', v1List([{ ...v1Lead, add_time: '2026-01-02 03:04:05' }])],
    ['v1-zero-one-booleans: 1', v1List([{ ...v1Lead, is_archived: 1 }])],
    [
      'v1-zero-one-booleans: 0, together with null fields',
      v1List([{ ...v1Lead, is_archived: 0, title: null }]),
    ],
  ])('accepts %s', (_name, check) => {
    expect(validator.validate(check).errors).toEqual([]);
  });

  test.each([
    ['a string id in a v2 deal', v2List([{ ...v2Deal, id: '1' }]), '/data/0/id'],
    ['null success (the envelope is not a record)', v2Deals({ success: null, data: [] }), '/success'],
    ['data: null on a v2 list', v2List(null), '/data'],
    ['0/1 booleans in v2', v2List([{ ...v2Deal, is_deleted: 0 }]), '/data/0/is_deleted'],
    ['2 as a v1 boolean', v1List([{ ...v1Lead, is_archived: 2 }]), '/data/0/is_archived'],
    [
      'a date without time as v1 date-time',
      v1List([{ ...v1Lead, add_time: '2026-01-02' }]),
      '/data/0/add_time',
    ],
    ['a non-uuid v1 lead id', v1List([{ ...v1Lead, id: 'x' }]), '/data/0/id'],
  ])('rejects %s', (_name, check, path) => {
    const result = validator.validate(check);
    expect(result.valid).toBe(false);
    expect(result.errors.some((e) => e.startsWith(`${path} `))).toBe(true);
  });

  test('an error status the operation does not document is held to the spec error envelope', () => {
    const check: ResponseCheck = {
      version: 'v2',
      method: 'get',
      pathTemplate: '/deals/{id}',
      status: 404,
      body: {},
    };
    const ok = validator.validate({
      ...check,
      body: { success: false, error: 'Deal not found', data: null },
    });
    expect(ok.source).toContain('(stand-in)');
    expect(ok.errors).toEqual([]);
    expect(validator.validate({ ...check, body: { success: false, error: 404 } }).valid).toBe(false);
    const unauthorized = {
      ...check,
      status: 401,
      body: { success: false, error: 'unauthorized access', errorCode: '401' },
    };
    expect(validator.validate(unauthorized).errors[0]).toMatch(/^\/errorCode /);
  });

  test('reports only the closest branch of an anyOf (here the organization kind of a /recents item)', () => {
    const item = { item: 'organization', id: 1, data: { id: 1, name: 'Acme', owner_id: 'x' } };
    const check: ResponseCheck = {
      version: 'v1',
      method: 'get',
      pathTemplate: '/recents',
      status: 200,
      body: {},
    };
    const result = validator.validate({ ...check, body: { success: true, data: [item] } });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^\/data\/0\/data\/owner_id must be object/);
  });

  test('lists every relaxation with the fact it rests on', () => {
    expect(RELAXATIONS.map((r) => r.id)).toEqual([
      'record-fields-nullable',
      'v1-empty-list-data-null',
      'next-cursor-null-on-last-page',
      'v1-space-separated-date-time',
      'v1-zero-one-booleans',
    ]);
  });
});

test('missing spec files fail with the env var to set, never pass silently', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'no-openapi-'));
  const offline = () => Promise.reject(new Error('network unreachable'));
  const attempt = readSpecDocuments(empty, offline);
  await expect(attempt).rejects.toBeInstanceOf(SpecUnavailableError);
  await expect(attempt).rejects.toThrow(OPENAPI_DIR_ENV);
});
