import { describe, expect, test } from 'vitest';
import type { SchemaNode } from '../../src/api/crd-schema.js';
import { customResourceDefinitions } from '../../src/api/crds.js';

/** Every node of the schema with its path, depth first. */
function* walk(node: SchemaNode, path: string): Generator<[string, SchemaNode]> {
  yield [path, node];
  for (const [name, child] of Object.entries((node.properties as Record<string, SchemaNode>) ?? {})) {
    yield* walk(child, `${path}.${name}`);
  }
  if (node.items) yield* walk(node.items as SchemaNode, `${path}[]`);
  if (typeof node.additionalProperties === 'object')
    yield* walk(node.additionalProperties as SchemaNode, `${path}{}`);
}

const schemas = customResourceDefinitions().map((crd) => {
  const spec = crd.spec as {
    names: { kind: string };
    versions: { schema: { openAPIV3Schema: SchemaNode } }[];
  };
  return [spec.names.kind, spec.versions[0]!.schema.openAPIV3Schema] as const;
});
const nodes = schemas.flatMap(([kind, root]) => [...walk(root, kind)]);
const specNodes = nodes.filter(([path]) => /\.(spec|status)\b/.test(path));

describe('the generated CRD schemas are structural and cheap to validate', () => {
  test.each(nodes)('%s has a type and no forbidden keywords', (_path, node) => {
    const special = node['x-kubernetes-int-or-string'] === true;
    expect(special || typeof node.type === 'string').toBe(true);
    expect(node.$ref).toBeUndefined();
    expect(node.properties !== undefined && node.additionalProperties !== undefined).toBe(false);
    expect(node.additionalProperties).not.toBe(false);
  });

  test.each(specNodes.filter(([, n]) => n.type === 'string'))('%s bounds its length', (_path, node) => {
    expect(node.maxLength !== undefined || node.enum !== undefined || node.format === 'date-time').toBe(true);
  });

  test.each(specNodes.filter(([, n]) => n.type === 'array'))('%s bounds its items', (_path, node) => {
    expect(node.maxItems).toBeTypeOf('number');
  });

  test.each(specNodes.filter(([path]) => !/\.status/.test(path)))('%s has a description', (path, node) => {
    if (path.endsWith('{}') || path.endsWith('[]')) return;
    expect(node.description, path).toBeTypeOf('string');
  });
});
