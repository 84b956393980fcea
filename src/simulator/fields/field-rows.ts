import { BUILTIN_FIELDS, BUILTIN_OPTIONS } from './builtin.js';
import { ADDRESS_PARTS } from './custom-field.js';
import type { CustomFieldDef, CustomFieldType, FieldEntity } from './custom-field.js';

/** One row of a *Fields listing, version-neutral; shapes turn it into v1 or v2 form. */
export interface FieldRow {
  id: number;
  key: string;
  name: string;
  fieldType: string;
  custom: boolean;
  options: { id: string | number; label: string }[] | null;
  orderNr: number;
  addTime: number;
  updateTime: number;
  mandatory: boolean;
}

/** Suffix subfields of composite custom types (v1 keys `<hash>_<suffix>`, v2 `subfields`). */
export function subfieldSuffixes(fieldType: CustomFieldType | string): string[] {
  if (fieldType === 'monetary') return ['currency'];
  if (fieldType === 'daterange' || fieldType === 'timerange') return ['until'];
  if (fieldType === 'address') return ADDRESS_PARTS.map(String);
  return [];
}

/** Built-in rows first, then the company's custom fields, in a stable order. */
export function fieldRows(
  entity: FieldEntity | 'note' | 'lead',
  customs: readonly CustomFieldDef[],
  createdAt: number,
): FieldRow[] {
  const base = entity === 'lead' ? 'lead' : entity;
  const entityOffset = [
    'deal',
    'person',
    'organization',
    'product',
    'activity',
    'project',
    'note',
    'lead',
  ].indexOf(base);
  const rows: FieldRow[] = BUILTIN_FIELDS[base].map(([key, name, fieldType], i) => ({
    id: 1 + entityOffset * 100 + i,
    key,
    name,
    fieldType,
    custom: false,
    options: BUILTIN_OPTIONS[key] ?? null,
    orderNr: i,
    addTime: createdAt,
    updateTime: createdAt,
    mandatory: key === 'title' || key === 'name' || key === 'subject',
  }));
  for (const def of customs) {
    rows.push({
      id: def.id,
      key: def.key,
      name: def.name,
      fieldType: def.fieldType,
      custom: true,
      options: def.options ? def.options.map((o) => ({ ...o })) : null,
      orderNr: def.orderNr,
      addTime: def.addTime,
      updateTime: def.updateTime,
      mandatory: false,
    });
  }
  return rows;
}
