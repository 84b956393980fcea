import fc from 'fast-check';
import { ADDRESS_PARTS } from '../../src/connector/catalog/columns.js';
import type { ColumnSpec } from '../../src/connector/catalog/types.js';
import type { FieldDefinition } from '../../src/connector/naming.js';
import { FIELD_TYPES, hostileText } from './row-mapping-arbitraries.js';

/**
 * One deal as a value, written the way each API version sends it: v2 flat with `custom_fields` and RFC 3339
 * times; v1 with relation objects, naive UTC times, string enum ids, comma-separated sets and custom-field
 * suffix keys (`<key>_currency`, `<key>_until`, `<key>_locality`...). For the v1 = v2 property.
 */

type Payload = Record<string, unknown>;
type Shapes = { v1: unknown; v2: unknown; v1Suffixes?: Payload };

/** v1 sends these as { value: id, name } objects. */
const V1_RELATIONS = new Set(['creator_user_id', 'user_id', 'person_id', 'org_id']);

const instant = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString());
const day = instant.map((iso) => iso.slice(0, 10));
const clock = fc
  .tuple(fc.nat(23), fc.nat(59), fc.nat(59))
  .map((parts) => parts.map((p) => String(p).padStart(2, '0')).join(':'));
const amount = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 });
const id = fc.integer({ min: 1, max: 2 ** 31 });

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

/** A built-in column's value in both shapes. */
function builtinShapes([name, type]: ColumnSpec): fc.Arbitrary<Shapes> {
  switch (type) {
    case 'integer':
      return nullable(id).map((n) => ({
        v2: n,
        v1:
          n !== null && V1_RELATIONS.has(name)
            ? { value: n, name: 'Someone' }
            : name === 'visible_to'
              ? String(n)
              : n,
      }));
    case 'timestamp':
      return nullable(instant).map((t) => ({
        v2: t?.replace('.000Z', 'Z') ?? null,
        v1: t?.slice(0, 19).replace('T', ' ') ?? null,
      }));
    case 'date':
      return nullable(day).map((d) => ({ v1: d, v2: d }));
    case 'number':
    case 'decimal':
      return nullable(amount).map((n) => ({ v1: n, v2: n }));
    case 'boolean':
      return nullable(fc.boolean()).map((b) => ({ v1: b, v2: b }));
    default:
      return nullable(hostileText).map((s) => ({ v1: s, v2: s }));
  }
}

/** A custom field's value in both shapes (v1's suffix keys apart). */
function fieldShapes(field: FieldDefinition): fc.Arbitrary<Shapes> {
  const ids = field.options.map((o) => o.id);
  switch (field.type) {
    case 'enum':
      return nullable(ids.length > 0 ? fc.constantFrom(...ids) : id).map((v) => ({
        v2: v,
        v1: v === null ? null : String(v),
      }));
    case 'set':
      return nullable(
        fc.uniqueArray(ids.length > 0 ? fc.constantFrom(...ids) : id, { minLength: 1, maxLength: 4 }),
      ).map((v) => ({ v2: v, v1: v?.join(',') ?? null }));
    case 'monetary':
      return fc
        .record({ value: amount, currency: fc.constantFrom('EUR', 'USD', 'JPY') })
        .map((m) => ({ v2: m, v1: m.value, v1Suffixes: { currency: m.currency } }));
    case 'daterange':
    case 'timerange':
      return fc
        .record({
          value: field.type === 'daterange' ? day : clock,
          until: field.type === 'daterange' ? day : clock,
        })
        .map((r) => ({ v2: r, v1: r.value, v1Suffixes: { until: r.until } }));
    case 'address':
      return fc
        .record(
          { value: hostileText, ...Object.fromEntries(ADDRESS_PARTS.map((p) => [p, hostileText])) },
          { requiredKeys: ['value'] },
        )
        .map((a) => {
          const { value, ...parts } = a as Payload;
          return { v2: a, v1: value, v1Suffixes: parts };
        });
    case 'double':
      return nullable(amount).map((n) => ({ v1: n, v2: n }));
    case 'int':
    case 'deal':
    case 'stage':
    case 'project':
    case 'activity':
      return nullable(id).map((n) => ({ v1: n, v2: n }));
    case 'user':
    case 'org':
    case 'people':
      return nullable(id).map((n) => ({ v2: n, v1: n === null ? null : { value: n, name: 'Someone' } }));
    case 'boolean':
      return nullable(fc.boolean()).map((b) => ({ v1: b, v2: b }));
    case 'date':
      return nullable(day).map((d) => ({ v1: d, v2: d }));
    case 'time':
      return nullable(clock).map((t) => ({ v1: t, v2: t }));
    case 'hologram':
      return fc.jsonValue({ maxDepth: 2 }).map((j) => ({ v1: j, v2: j }));
    default:
      return nullable(hostileText).map((s) => ({ v1: s, v2: s }));
  }
}

/** Custom fields of every known type (and one unknown), hostile names and labels, numeric option ids. */
export const dealFields: fc.Arbitrary<FieldDefinition[]> = fc.uniqueArray(
  fc.record({
    key: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 40, maxLength: 40 }),
    name: hostileText,
    type: fc.constantFrom(...FIELD_TYPES, 'hologram'),
    isCustom: fc.constant(true),
    options: fc.uniqueArray(fc.record({ id: fc.nat(999), label: hostileText }), {
      maxLength: 4,
      selector: (o) => o.id,
    }),
  }),
  { maxLength: 8, selector: (f) => f.key },
);

/** The same deal as a v1 and a v2 payload, for the built-in columns both versions have. */
export function dealShapes(
  shared: ColumnSpec[],
  fields: FieldDefinition[],
): fc.Arbitrary<{ v1: Payload; v2: Payload }> {
  const plain = shared.filter(([name]) => !['is_deleted', 'status'].includes(name));
  return fc
    .tuple(
      fc.tuple(...plain.map(builtinShapes)),
      fc.tuple(...fields.map(fieldShapes)),
      fc.oneof(fc.constantFrom('open', 'won', 'lost'), fc.constant('deleted')),
    )
    .map(([builtins, customs, status]) => {
      const deleted = status === 'deleted';
      const v2: Payload = { status, is_deleted: deleted, custom_fields: {} };
      // v1 has no is_deleted on deals: it says so with status, `deleted` and `active`.
      const v1: Payload = { status, deleted, active: !deleted };
      plain.forEach(([name], i) => {
        v2[name] = builtins[i]!.v2;
        v1[name] = builtins[i]!.v1;
      });
      fields.forEach((field, i) => {
        const shapes = customs[i]!;
        (v2.custom_fields as Payload)[field.key] = shapes.v2;
        v1[field.key] = shapes.v1;
        for (const [suffix, value] of Object.entries(shapes.v1Suffixes ?? {}))
          v1[`${field.key}_${suffix}`] = value;
      });
      return { v1, v2 };
    });
}
