import { customResourceDefinitions } from './crds.js';
import type { SchemaNode } from './crd-schema.js';

interface Row {
  path: string;
  type: string;
  required: boolean;
  defaultValue: unknown;
  description: string;
  /** Enum values of the field (or of its items). */
  values?: string[];
}

/** docs/configuration.md: every field of both kinds, with type, default and description, from the CRDs. */
export function configurationReference(): string {
  const lines = [
    '# Configuration reference',
    '',
    '<!-- Generated from src/api by `npm run crds`. Do not edit. -->',
    '',
    'Every field of the custom resources, as `kubectl explain` shows them. Defaults are applied by the API server.',
    '',
  ];
  for (const crd of customResourceDefinitions()) {
    const spec = crd.spec as {
      names: { kind: string; shortNames: string[] };
      group: string;
      versions: Version[];
    };
    const version = spec.versions[0] as Version;
    const root = version.schema.openAPIV3Schema;
    const props = root.properties as Record<string, SchemaNode>;
    lines.push(
      `## ${spec.names.kind}`,
      '',
      `\`${spec.group}/${version.name}\`, short name \`${spec.names.shortNames[0]}\`.`,
    );
    lines.push(`${String(root.description)}`, '');
    for (const part of ['spec', 'status'] as const) {
      lines.push(`### ${part}`, '', '| Field | Type | Default | Description |', '| --- | --- | --- | --- |');
      for (const row of flatten(props[part] as SchemaNode, part)) lines.push(renderRow(row));
      lines.push('');
    }
    const long = flatten(props.spec as SchemaNode, 'spec').filter(
      (row) => row.values && row.values.length > LONG_ENUM,
    );
    for (const row of long) {
      lines.push(
        `### Allowed values of \`${row.path}\``,
        '',
        (row.values ?? []).map((v) => `\`${v}\``).join(', '),
        '',
      );
    }
    const rules = collectRules(props.spec as SchemaNode, 'spec');
    if (rules.length > 0) {
      lines.push('### Validation rules beyond types and ranges', '');
      for (const [path, message] of rules) lines.push(`- \`${path}\`: ${message}`);
      lines.push('');
    }
  }
  return lines.join('\n');
}

// Longer value lists would swamp the table; they get their own section.
const LONG_ENUM = 8;

interface Version {
  name: string;
  schema: { openAPIV3Schema: SchemaNode };
}

function flatten(node: SchemaNode, path: string): Row[] {
  const rows: Row[] = [];
  const required = new Set((node.required as string[] | undefined) ?? []);
  for (const [name, child] of Object.entries(
    (node.properties as Record<string, SchemaNode> | undefined) ?? {},
  )) {
    const childPath = `${path}.${name}`;
    rows.push({
      path: childPath,
      type: typeOf(child),
      required: required.has(name),
      defaultValue: child.default,
      description: String(child.description ?? ''),
      values: (child.enum ?? (child.items as SchemaNode | undefined)?.enum) as string[] | undefined,
    });
    rows.push(...flatten(child, childPath));
    if (child.type === 'array' && child.items)
      rows.push(...flatten(child.items as SchemaNode, `${childPath}[]`));
  }
  return rows;
}

function typeOf(node: SchemaNode): string {
  const values = node.enum as string[] | undefined;
  if (node['x-kubernetes-int-or-string']) return 'quantity';
  if (values) return values.length > LONG_ENUM ? 'string (allowed values below)' : values.join(' \\| ');
  if (node.type === 'array') return `list of ${typeOf(node.items as SchemaNode)}`;
  if (node.type === 'object' && node.additionalProperties) {
    return `map of ${typeOf(node.additionalProperties as SchemaNode)}`;
  }
  if (node.format === 'date-time') return 'timestamp';
  return String(node.type ?? 'any');
}

function renderRow(row: Row): string {
  const defaultValue = row.defaultValue === undefined ? '' : `\`${JSON.stringify(row.defaultValue)}\``;
  const field = `\`${row.path}\`${row.required ? ' (required)' : ''}`;
  return `| ${field} | ${row.type} | ${defaultValue} | ${row.description.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`;
}

function collectRules(node: SchemaNode, path: string): [string, string][] {
  const own = ((node['x-kubernetes-validations'] as { message: string }[] | undefined) ?? []).map(
    (r): [string, string] => [path, r.message],
  );
  const children = Object.entries((node.properties as Record<string, SchemaNode> | undefined) ?? {}).flatMap(
    ([name, child]) => collectRules(child, `${path}.${name}`),
  );
  return [...own, ...children];
}
