import { generatedCustom } from '../fields/values.js';
import { RecordRandom, STREAM } from '../seeded-random.js';
import type { GenContext } from '../world/context.js';
import type { SimRecord } from '../world/record.js';

export interface ContactPoint {
  value: string;
  primary: boolean;
  label: string;
}

export interface PersonRecord extends SimRecord {
  name: string;
  first_name: string;
  last_name: string;
  owner_id: number;
  org_id: number | null;
  picture_id: number | null;
  visible_to: number;
  label_ids: number[];
  emails: ContactPoint[];
  phones: ContactPoint[];
  custom: Record<string, unknown>;
}

const FIRST = [
  'Tom',
  'Maria',
  'Liis',
  'Jaan',
  'Ana',
  'Noah',
  'Emma',
  'Ravi',
  'Mei',
  'Omar',
  'Sofia',
  'Lukas',
];
const LAST = [
  'Becker',
  'Silva',
  'Tamm',
  'Saar',
  'Costa',
  'Miller',
  'Kask',
  'Patel',
  'Chen',
  'Haddad',
  'Rossi',
];

export function generatePerson(ctx: GenContext, id: number): PersonRecord {
  const rnd = new RecordRandom(ctx.seed, STREAM.persons ?? 0, id);
  const layout = ctx.layout('persons');
  const add = layout.addTime(id);
  const first = rnd.pick(FIRST);
  const last = rnd.pick(LAST);
  const email = `${first}.${last}.${id}@example.com`.toLowerCase();
  const phones: ContactPoint[] = [
    { value: `+49 151 ${String(1_000_000 + id).slice(-7)}`, primary: true, label: 'mobile' },
  ];
  if (rnd.chance(0.3))
    phones.push({
      value: `+49 30 555 ${String(id % 10_000).padStart(4, '0')}`,
      primary: false,
      label: 'work',
    });
  return {
    id,
    name: `${first} ${last}`,
    first_name: first,
    last_name: last,
    owner_id: rnd.int(1, Math.max(1, ctx.count('users'))),
    org_id: rnd.chance(0.85) ? ctx.ref('organizations', rnd.int(0, 1 << 30)) : null,
    picture_id: null,
    visible_to: 3,
    label_ids: rnd.chance(0.2) ? [rnd.int(1, 3)] : [],
    emails: [{ value: email, primary: true, label: 'work' }],
    phones,
    add_time: add,
    update_time: layout.updateTime(id),
    is_deleted: false,
    delete_time: null,
    custom: generatedCustom(ctx.fields.list('person'), STREAM.persons ?? 0, id, ctx.values, add),
  };
}
