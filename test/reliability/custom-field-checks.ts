/**
 * After the world changed: a new deal field became a column holding the
 * value set on a deal; a renamed field kept its column and got its new name
 * in `_pipedrive_custom_fields`; a renamed option shows its new label both in
 * the registry and on the deal that carries it.
 */
import type { WorldChanges } from './chaos-world.js';
import type { DatabaseReader } from './database-reader.js';

export interface FieldColumn {
  column: string;
  currentName: string;
  options: { id: number | string; label: string }[];
}

/** The deals rows of `_pipedrive_custom_fields`, by field key. */
export async function fieldColumns(reader: DatabaseReader): Promise<Map<string, FieldColumn>> {
  if (!(await reader.tables()).includes('_pipedrive_custom_fields')) return new Map();
  const rows = await reader.query(
    `select field_key, column_name, current_name, options from {table} where table_name = 'deals'`,
    '_pipedrive_custom_fields',
  );
  return new Map(
    rows.map((r) => {
      const raw = r.options;
      const options = (typeof raw === 'string' ? JSON.parse(raw) : (raw ?? [])) as FieldColumn['options'];
      return [
        String(r.field_key),
        { column: String(r.column_name), currentName: String(r.current_name), options },
      ];
    }),
  );
}

async function dealValue(reader: DatabaseReader, column: string, id: number): Promise<unknown> {
  const rows = await reader.query(
    `select ${reader.column(column)} as v from {table} where ${reader.column('id')} = ${Number(id)}`,
    'deals',
  );
  return rows[0]?.v;
}

export async function customFieldProblems(
  reader: DatabaseReader,
  changes: WorldChanges,
  before: Map<string, FieldColumn>,
): Promise<string[]> {
  const problems: string[] = [];
  const after = await fieldColumns(reader);
  const added = after.get(changes.newField.key);
  if (!added) problems.push(`new field ${changes.newField.name} is not in _pipedrive_custom_fields`);
  else if ((await dealValue(reader, added.column, changes.newField.dealId)) !== changes.newField.value)
    problems.push(`deal ${changes.newField.dealId} lacks the value of new field ${changes.newField.name}`);

  const renamed = after.get(changes.renamedField.key);
  if (renamed?.currentName !== changes.renamedField.name)
    problems.push(`renamed field has current_name ${renamed?.currentName}, not ${changes.renamedField.name}`);
  if (renamed?.column !== before.get(changes.renamedField.key)?.column)
    problems.push(`renamed field moved from column ${before.get(changes.renamedField.key)?.column}`);

  const { key, optionId, label, dealId } = changes.renamedOption;
  const field = after.get(key);
  if (!field?.options.some((o) => String(o.id) === String(optionId) && o.label === label))
    problems.push(`option ${optionId} of field ${key} does not carry its new label ${label}`);
  else if ((await dealValue(reader, field.column, dealId)) !== label)
    problems.push(`deal ${dealId} does not show the renamed option label ${label}`);
  return problems;
}
