import type { SchemaNode } from './types.js';

/**
 * Turns an OpenAPI 3.0 schema object into JSON Schema for ajv. This is translation, not relaxation:
 * `nullable: true` becomes a `null` type, and OpenAPI-only annotations (example, discriminator, xml, x-*) go.
 */

const DROPPED = new Set(['example', 'discriminator', 'xml', 'externalDocs', 'nullable']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not']);

function convertChild(key: string, child: unknown): unknown {
  if (SCHEMA_MAPS.has(key) && child && typeof child === 'object') {
    return Object.fromEntries(
      Object.entries(child as SchemaNode).map(([name, schema]) => [name, toJsonSchema(schema as SchemaNode)]),
    );
  }
  if (SCHEMA_LISTS.has(key) && Array.isArray(child)) return child.map((s) => toJsonSchema(s as SchemaNode));
  if (SCHEMA_VALUES.has(key) && child && typeof child === 'object') return toJsonSchema(child as SchemaNode);
  return child;
}

/** Adds `null` to a converted schema the way OpenAPI's `nullable` means it. */
export function allowNull(schema: SchemaNode): SchemaNode {
  if (typeof schema.type === 'string') {
    const out: SchemaNode = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) out.enum = [...schema.enum, null];
    return out;
  }
  if (Array.isArray(schema.type)) {
    return schema.type.includes('null')
      ? schema
      : { ...schema, type: [...(schema.type as string[]), 'null'] };
  }
  return { anyOf: [schema, { type: 'null' }] };
}

export function toJsonSchema(node: SchemaNode): SchemaNode {
  const out: SchemaNode = {};
  for (const [key, child] of Object.entries(node)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    out[key] = convertChild(key, child);
  }
  return node.nullable === true ? allowNull(out) : out;
}
