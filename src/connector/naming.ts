/**
 * Custom-field column naming (pure). A field's column is named once, from its
 * human name in snake_case (or its key with `customFieldNaming: 'key'`), and
 * then frozen: the destination's registry (`knownCustomFields`) wins over the
 * current name, so a rename in Pipedrive never renames a column. A name that
 * collides with another column gets `_` plus the first 8 characters of the key.
 */
import type { Column, ColumnType, CustomFieldColumn } from '../sync/contracts.js';
import { ADDRESS_PARTS } from './catalog/columns.js';

export interface FieldDefinition {
  key: string;
  name: string;
  /** Pipedrive field_type: varchar, enum, set, monetary, daterange, address... */
  type: string;
  isCustom: boolean;
  options: { id: number | string; label: string }[];
}

const MAX_COLUMN_LENGTH = 60;

export function snakeCase(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_COLUMN_LENGTH)
    .replace(/_+$/, '');
  if (ascii === '') return '';
  return /^[0-9]/.test(ascii) ? `f_${ascii}` : ascii;
}

const SCALAR_TYPES: Record<string, ColumnType> = {
  varchar: 'string',
  varchar_auto: 'string',
  varchar_options: 'string',
  phone: 'string',
  text: 'text',
  double: 'number',
  int: 'integer',
  boolean: 'boolean',
  date: 'date',
  time: 'time',
  enum: 'string',
  set: 'json',
  user: 'integer',
  org: 'integer',
  people: 'integer',
  deal: 'integer',
  stage: 'integer',
  project: 'integer',
  activity: 'integer',
  lead: 'string',
};

/** The columns one custom field fills, first column first. Unknown types pass through as JSON. */
export function fieldColumns(column: string, type: string): Column[] {
  switch (type) {
    case 'monetary':
      return [
        { name: column, type: 'decimal' },
        { name: `${column}_currency`, type: 'string' },
      ];
    case 'daterange':
      return [
        { name: column, type: 'date' },
        { name: `${column}_until`, type: 'date' },
      ];
    case 'timerange':
      return [
        { name: column, type: 'time' },
        { name: `${column}_until`, type: 'time' },
      ];
    case 'address':
      return [
        { name: column, type: 'text' },
        ...ADDRESS_PARTS.map((part): Column => ({ name: `${column}_${part}`, type: 'string' })),
      ];
    default:
      // Own keys only: a field_type such as "constructor" must not find Object.prototype's members.
      return [{ name: column, type: Object.hasOwn(SCALAR_TYPES, type) ? SCALAR_TYPES[type]! : 'json' }];
  }
}

export interface NamedFields {
  customFields: CustomFieldColumn[];
  columns: Column[];
}

/**
 * Names the custom fields of one table. Known fields keep their column and
 * are placed first, so new fields can never take a name that is in use.
 */
export function nameCustomFields(
  table: string,
  fields: FieldDefinition[],
  builtinColumns: string[],
  known: CustomFieldColumn[],
  naming: 'name' | 'key',
): NamedFields {
  const taken = new Set(builtinColumns);
  const knownByKey = new Map(known.filter((k) => k.table === table).map((k) => [k.fieldKey, k]));
  const customs = fields.filter((field) => field.isCustom);
  const ordered = [
    ...customs.filter((field) => knownByKey.has(field.key)),
    ...customs.filter((field) => !knownByKey.has(field.key)),
  ];
  const customFields: CustomFieldColumn[] = [];
  const columns: Column[] = [];
  for (const field of ordered) {
    const frozen = knownByKey.get(field.key)?.column;
    const column = frozen ?? pickName(field, taken, naming);
    const filled = fieldColumns(column, field.type).map((c) => ({
      ...c,
      description: field.name,
      fieldKey: field.key,
    }));
    for (const c of filled) taken.add(c.name);
    columns.push(...filled);
    customFields.push({
      table,
      column,
      fieldKey: field.key,
      currentName: field.name,
      fieldType: field.type,
      ...(field.options.length > 0 ? { options: field.options } : {}),
    });
  }
  return { customFields, columns };
}

function pickName(field: FieldDefinition, taken: Set<string>, naming: 'name' | 'key'): string {
  // Keys are 40-hex hashes (often starting with a digit); destinations quote every identifier.
  const key =
    field.key
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .slice(0, MAX_COLUMN_LENGTH) || 'field';
  const base = naming === 'key' ? key : snakeCase(field.name) || key;
  const free = (name: string) => fieldColumns(name, field.type).every((c) => !taken.has(c.name));
  if (free(base)) return base;
  const suffixed = `${base}_${field.key.slice(0, 8).toLowerCase()}`;
  if (free(suffixed)) return suffixed;
  for (let n = 2; ; n += 1) if (free(`${suffixed}_${n}`)) return `${suffixed}_${n}`;
}
