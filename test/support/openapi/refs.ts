import type { OpenApiDocument, SchemaNode } from './types.js';

/** Inlines local `#/...` $refs so each response schema compiles on its own. */

function pointer(document: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got ${ref}`);
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node))
      throw new Error(`Unresolvable $ref ${ref}`);
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function resolveRefs<T>(value: T, document: OpenApiDocument, trail: readonly string[] = []): T {
  if (Array.isArray(value)) return value.map((item: unknown) => resolveRefs(item, document, trail)) as T;
  if (value === null || typeof value !== 'object') return value;
  const node = value as SchemaNode;
  if (typeof node.$ref === 'string') {
    const ref = node.$ref;
    // Pipedrive's files have no recursive schemas; a cycle would mean a broken file, so say so.
    if (trail.includes(ref)) throw new Error(`Recursive $ref ${ref} via ${trail.join(' -> ')}`);
    return resolveRefs(pointer(document, ref), document, [...trail, ref]) as T;
  }
  const out: SchemaNode = {};
  for (const [key, child] of Object.entries(node)) out[key] = resolveRefs(child, document, trail);
  return out as T;
}
