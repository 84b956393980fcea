import type { ApiVersion, SchemaNode } from './types.js';

/**
 * THE ONE PLACE where the conformance checks are laxer than Pipedrive's OpenAPI files. Each relaxation is a
 * documented way the live API is looser than its spec (issue 2, "How it will be checked"; pipedrive-api.md §7-§10),
 * and each is applied by rewriting the schema, never by ignoring validator errors. Add nothing here without a fact.
 * Works on OpenAPI-form schemas (refs resolved, before the JSON Schema translation).
 */

export interface Relaxation {
  id: string;
  fact: string;
}

export const RELAXATIONS: readonly Relaxation[] = [
  {
    id: 'record-fields-nullable',
    fact: 'The live API returns null for record fields the spec does not mark nullable (e.g. org_id, expected_close_date).',
  },
  {
    id: 'v1-empty-list-data-null',
    fact: 'v1 list endpoints return "data": null instead of [] when the list is empty.',
  },
  {
    id: 'next-cursor-null-on-last-page',
    fact: 'Cursor-paginated lists return additional_data.next_cursor: null on the last page (the spec says so in prose).',
  },
  {
    id: 'v1-space-separated-date-time',
    fact: 'v1 returns times as "YYYY-MM-DD HH:MM:SS" (UTC) where the spec says format: date-time.',
  },
  {
    id: 'v1-zero-one-booleans',
    fact: 'v1 returns 0/1 for some booleans (e.g. has_pic, active_flag in related objects) where the spec says boolean.',
  },
];

/** v1 "YYYY-MM-DD HH:MM:SS", no zone: how v1 has always written UTC times. */
export const V1_DATE_TIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$';

const COMBINATORS = ['allOf', 'anyOf', 'oneOf'] as const;
const RECORD_ROOTS = new Set(['data', 'related_objects']);

type Rewrite = (node: SchemaNode) => SchemaNode;

function isSchema(value: unknown): value is SchemaNode {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function mapProperties(
  node: SchemaNode,
  rewrite: (name: string, schema: SchemaNode) => SchemaNode,
): SchemaNode {
  if (!isSchema(node.properties)) return node;
  const properties = Object.fromEntries(
    Object.entries(node.properties).map(([name, schema]) => [name, rewrite(name, schema as SchemaNode)]),
  );
  return { ...node, properties };
}

/** Applies `rewrite` bottom-up to every schema below `node` (properties, items, combinators, maps). */
function deep(node: SchemaNode, rewrite: Rewrite): SchemaNode {
  let out: SchemaNode = mapProperties(node, (_name, schema) => deep(schema, rewrite));
  if (isSchema(out.items)) out = { ...out, items: deep(out.items, rewrite) };
  if (isSchema(out.additionalProperties))
    out = { ...out, additionalProperties: deep(out.additionalProperties, rewrite) };
  for (const key of COMBINATORS) {
    const list = out[key];
    if (Array.isArray(list)) out = { ...out, [key]: list.map((s) => deep(s as SchemaNode, rewrite)) };
  }
  return rewrite(out);
}

/** Applies `rewrite` to each property of the envelope: the top object and its top-level combinator branches. */
function envelope(node: SchemaNode, rewrite: (name: string, schema: SchemaNode) => SchemaNode): SchemaNode {
  let out = mapProperties(node, rewrite);
  for (const key of COMBINATORS) {
    const list = out[key];
    if (Array.isArray(list)) out = { ...out, [key]: list.map((s) => envelope(s as SchemaNode, rewrite)) };
  }
  return out;
}

const nullable = (node: SchemaNode): SchemaNode => ({ ...node, nullable: true });

/** record-fields-nullable: every property at any depth under data / related_objects (not the envelope itself). */
const recordFieldsNullable = (node: SchemaNode): SchemaNode => mapProperties(node, (_n, s) => nullable(s));

/** v1-space-separated-date-time: `format: date-time` also accepts the v1 pattern. */
function v1DateTime(node: SchemaNode): SchemaNode {
  if (node.format !== 'date-time') return node;
  const { nullable: isNullable, ...rest } = node;
  const alternative = { type: 'string', pattern: V1_DATE_TIME_PATTERN };
  return { ...(isNullable === true ? { nullable: true } : {}), anyOf: [rest, alternative] };
}

/** v1-zero-one-booleans: `type: boolean` also accepts the integers 0 and 1. */
function v1Boolean(node: SchemaNode): SchemaNode {
  if (node.type !== 'boolean') return node;
  const { nullable: isNullable, ...rest } = node;
  return {
    ...(isNullable === true ? { nullable: true } : {}),
    anyOf: [rest, { type: 'integer', enum: [0, 1] }],
  };
}

function nextCursorNullable(node: SchemaNode): SchemaNode {
  return deep(node, (n) => mapProperties(n, (name, s) => (name === 'next_cursor' ? nullable(s) : s)));
}

/** Returns the response schema with exactly the relaxations above applied for `version`. */
export function relaxResponseSchema(schema: SchemaNode, version: ApiVersion): SchemaNode {
  let out = envelope(schema, (name, property) => {
    if (RECORD_ROOTS.has(name)) {
      const relaxed = deep(property, recordFieldsNullable);
      return version === 'v1' && relaxed.type === 'array' ? nullable(relaxed) : relaxed;
    }
    if (name === 'additional_data') return nextCursorNullable(property);
    return property;
  });
  if (version === 'v1') out = deep(deep(out, v1DateTime), v1Boolean);
  return out;
}
