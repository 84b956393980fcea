import { ADDRESS_PARTS } from '../../fields/custom-field.js';
import type { CustomFieldDef } from '../../fields/custom-field.js';

function optionId(def: CustomFieldDef, id: unknown): number | undefined {
  return def.options?.find((o) => o.id === id)?.id;
}

/**
 * Writes v1 custom field keys onto `out`: the hash key itself plus the suffix keys
 * of composite types (`_currency`, `_until`, address components). Enum ids become
 * strings and sets comma-joined strings, as v1 returns them; empty fields are null.
 */
export function writeV1Custom(
  out: Record<string, unknown>,
  defs: readonly CustomFieldDef[],
  values: Record<string, unknown> | undefined,
): void {
  for (const def of defs) {
    const key = def.key;
    const value = values?.[key] ?? null;
    const obj = (value ?? {}) as Record<string, unknown>;
    switch (def.fieldType) {
      case 'monetary':
        out[key] = value === null ? null : obj.value;
        out[`${key}_currency`] = value === null ? null : obj.currency;
        break;
      case 'daterange':
      case 'timerange':
        out[key] = value === null ? null : obj.value;
        out[`${key}_until`] = value === null ? null : obj.until;
        break;
      case 'address':
        out[key] = value === null ? null : obj.value;
        for (const part of ADDRESS_PARTS) out[`${key}_${part}`] = value === null ? null : (obj[part] ?? null);
        out[`${key}_subpremise`] = null;
        break;
      case 'enum': {
        const id = optionId(def, value);
        out[key] = id === undefined ? null : String(id);
        break;
      }
      case 'set': {
        const ids = (Array.isArray(value) ? value : [])
          .map((v) => optionId(def, v))
          .filter((v) => v !== undefined);
        out[key] = ids.length ? ids.join(',') : null;
        break;
      }
      default:
        out[key] = value;
    }
  }
}
