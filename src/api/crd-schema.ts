import { z } from 'zod';

/** A JSON Schema node as zod emits it and a structural CRD schema needs it. */
export type SchemaNode = { [key: string]: unknown };

// zod writes these bounds for plain integers; they say nothing and clutter `kubectl explain`.
const MEANINGLESS_BOUNDS = new Set([
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  2147483647,
  -2147483648,
]);

/**
 * Converts a zod schema into an apiextensions.k8s.io/v1 structural schema:
 * openapi-3.0 from zod, then the rewrites structural schemas demand. No `$ref`
 * (everything inlined), no `additionalProperties: false` (Kubernetes prunes
 * unknown fields instead), int-or-string quantities as the Kubernetes extension,
 * and no regex on timestamps (format date-time already validates them).
 */
export function toStructuralSchema(schema: z.ZodType): SchemaNode {
  const json = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    reused: 'inline',
    unrepresentable: 'any',
  });
  const node = structural(json as SchemaNode);
  delete node.$schema;
  return node;
}

function structural(node: SchemaNode): SchemaNode {
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'additionalProperties' && value === false) continue;
    if ((key === 'minimum' || key === 'maximum') && MEANINGLESS_BOUNDS.has(value as number)) continue;
    out[key] = rewriteChildren(key, value);
  }
  if (out['x-kubernetes-int-or-string'] === true) return intOrString(out);
  if (out['x-kubernetes-preserve-unknown-fields'] === true) {
    delete out.additionalProperties;
    delete out.properties;
  }
  if (out.format === 'date-time') delete out.pattern;
  return out;
}

function rewriteChildren(key: string, value: unknown): unknown {
  if (key === 'properties' && isNode(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([name, child]) => [name, structural(child as SchemaNode)]),
    );
  }
  if ((key === 'items' || key === 'additionalProperties') && isNode(value)) return structural(value);
  if ((key === 'anyOf' || key === 'oneOf' || key === 'allOf') && Array.isArray(value)) {
    return value.map((child) => structural(child as SchemaNode));
  }
  return value;
}

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Kubernetes' int-or-string shape: bare types in anyOf, the string branch's pattern on the node. */
function intOrString(node: SchemaNode): SchemaNode {
  const branches = (node.anyOf as SchemaNode[] | undefined) ?? [];
  const pattern = branches.find((b) => b.type === 'string')?.pattern;
  return {
    ...(node.description ? { description: node.description } : {}),
    anyOf: [{ type: 'integer' }, { type: 'string' }],
    ...(pattern ? { pattern } : {}),
    'x-kubernetes-int-or-string': true,
  };
}
