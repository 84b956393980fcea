import { utcClock, utcDate } from '../shapes/time-format.js';
import { mix } from '../seeded-random.js';
import type { CustomFieldDef } from './custom-field.js';

export interface ValueContext {
  seed: number;
  users: number;
  organizations: number;
  persons: number;
}

const WORDS = [
  'alpha',
  'nordic',
  'summit',
  'harbor',
  'vertex',
  'copper',
  'lumen',
  'quartz',
  'delta',
  'meadow',
];
const SOURCES = ['Webinar', 'Referral', 'Trade fair', 'Cold call', 'Website'];
const CITIES = [
  {
    locality: 'Berlin',
    admin: 'Berlin',
    country: 'Germany',
    code: 'DE',
    postal: '10115',
    route: 'Hauptstraße',
  },
  {
    locality: 'Tallinn',
    admin: 'Harju maakond',
    country: 'Estonia',
    code: 'EE',
    postal: '10111',
    route: 'Narva mnt',
  },
  {
    locality: 'Lisbon',
    admin: 'Lisboa',
    country: 'Portugal',
    code: 'PT',
    postal: '1100-148',
    route: 'Rua Augusta',
  },
  {
    locality: 'Austin',
    admin: 'Texas',
    country: 'United States',
    code: 'US',
    postal: '78701',
    route: 'Congress Ave',
  },
];

function day(ms: number): string {
  return utcDate(ms);
}

/**
 * Values drawn from small sets (clock times, time ranges, addresses) are built once and shared, frozen, by
 * every record that draws them: a page of 500 deals would otherwise allocate them 500 times over, and the
 * garbage collector was a fifth of the simulator's CPU. Bounded: 5,760 ranges, 720 addresses (clock texts
 * come from time-format.ts's cache).
 */
const timeRanges = new Map<number, Readonly<Record<string, string>>>();
const addresses = new Map<number, Readonly<Record<string, string | null>>>();

/** The clock time `minutes` after midnight, shared with every other clock text (time-format.ts). */
function clock(minutes: number): string {
  return utcClock(minutes * 60_000);
}

function timeRange(from: number, until: number): Readonly<Record<string, string>> {
  const key = (from % 1440) * 1440 + (until % 1440);
  let range = timeRanges.get(key);
  if (range === undefined) {
    range = Object.freeze({ value: clock(from), until: clock(until) });
    timeRanges.set(key, range);
  }
  return range;
}

/** A generated postal address in the v2 object form (shared and frozen: see above). */
export function addressValue(r: number, number: number): Readonly<Record<string, string | null>> {
  const key = (r % CITIES.length) * 180 + (number % 180);
  let address = addresses.get(key);
  if (address === undefined) {
    address = Object.freeze(buildAddress(r, number));
    addresses.set(key, address);
  }
  return address;
}

function buildAddress(r: number, number: number): Record<string, string | null> {
  const city = CITIES[r % CITIES.length] ?? CITIES[0]!;
  const street = String(1 + (number % 180));
  const formatted = `${city.route} ${street}, ${city.postal} ${city.locality}, ${city.country}`;
  return {
    value: formatted,
    street_number: street,
    route: city.route,
    sublocality: null,
    locality: city.locality,
    admin_area_level_1: city.admin,
    admin_area_level_2: null,
    country: city.country,
    postal_code: city.postal,
    formatted_address: formatted,
  };
}

/**
 * The generated value of one custom field for one record, in the v2 encoding
 * (monetary/daterange/timerange/address as objects, enum as id, set as id list).
 * About one value in five is empty, as in real accounts.
 */
export function generatedValue(
  def: CustomFieldDef,
  stream: number,
  id: number,
  ctx: ValueContext,
  baseTime: number,
): unknown {
  const h = mix(ctx.seed, stream, id, def.id);
  if (h % 5 === 0) return null;
  const r = h >>> 3;
  switch (def.fieldType) {
    case 'varchar':
      return `REF-${id}-${r % 1000}`;
    case 'varchar_auto':
      return SOURCES[r % SOURCES.length] ?? null;
    case 'text':
      return `Notes on ${WORDS[r % WORDS.length]} ${WORDS[(r >>> 4) % WORDS.length]} (record ${id}).`;
    case 'double':
      return (r % 10_000) / 10;
    case 'monetary':
      return { value: (r % 50_000) + 100, currency: r % 3 === 0 ? 'USD' : 'EUR' };
    case 'enum': {
      const options = def.options ?? [];
      return options.length ? options[r % options.length]!.id : null;
    }
    case 'set': {
      const options = def.options ?? [];
      const picked = options.filter((_, i) => (r >>> i) & 1).map((o) => o.id);
      return picked.length ? picked : null;
    }
    case 'user':
      return ctx.users ? 1 + (r % ctx.users) : null;
    case 'org':
      return ctx.organizations ? 1 + (r % ctx.organizations) : null;
    case 'people':
      return ctx.persons ? 1 + (r % ctx.persons) : null;
    case 'phone':
      return `+372 5${String(r % 10_000_000).padStart(7, '0')}`;
    case 'date':
      return day(baseTime + (r % 400) * 86_400_000);
    case 'daterange': {
      const from = baseTime + (r % 200) * 86_400_000;
      return { value: day(from), until: day(from + (30 + (r % 300)) * 86_400_000) };
    }
    case 'time':
      return clock(480 + (r % 40) * 15);
    case 'timerange': {
      const from = 480 + (r % 20) * 15;
      return timeRange(from, from + 60 + (r % 4) * 30);
    }
    case 'address':
      return addressValue(r, r >>> 5);
  }
}

/** Custom values for a base record: generated fields get values, later-added ones start empty. */
export function generatedCustom(
  defs: readonly CustomFieldDef[],
  stream: number,
  id: number,
  ctx: ValueContext,
  baseTime: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs)
    out[def.key] = def.generated ? generatedValue(def, stream, id, ctx, baseTime) : null;
  return out;
}
