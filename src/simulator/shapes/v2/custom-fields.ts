import type { CustomFieldDef } from '../../fields/custom-field.js';

export interface CustomProjection {
  /** Only these keys (v2 `custom_fields=` parameter), or all when undefined. */
  keys?: ReadonlySet<string>;
  /** v2 `include_option_labels=true`: enum/set values become `{id, label}`. */
  optionLabels?: boolean;
}

/** Keeps a stored option id only while the option still exists on the field. */
function option(def: CustomFieldDef, id: unknown, labels: boolean): unknown {
  const found = def.options?.find((o) => o.id === id);
  if (!found) return null;
  return labels ? { id: found.id, label: found.label } : found.id;
}

/** The v2 `custom_fields` object for one record: every current field, null when empty. */
export function v2CustomFields(
  defs: readonly CustomFieldDef[],
  values: Record<string, unknown> | undefined,
  projection: CustomProjection = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    if (projection.keys && !projection.keys.has(def.key)) continue;
    const value = values?.[def.key] ?? null;
    if (value === null) {
      out[def.key] = null;
    } else if (def.fieldType === 'enum') {
      out[def.key] = option(def, value, projection.optionLabels ?? false);
    } else if (def.fieldType === 'set') {
      const ids = (Array.isArray(value) ? value : []).map((id) =>
        option(def, id, projection.optionLabels ?? false),
      );
      const kept = ids.filter((v) => v !== null);
      out[def.key] = kept.length ? kept : null;
    } else {
      out[def.key] = value;
    }
  }
  return out;
}
