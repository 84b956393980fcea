import { RecordRandom, STREAM } from '../seeded-random.js';
import type { GenContext } from '../world/context.js';
import type { SimRecord } from '../world/record.js';

export interface UserRecord extends SimRecord {
  name: string;
  email: string;
  phone: string | null;
  default_currency: string;
  locale: string;
  lang: number;
  timezone_name: string;
  timezone_offset: string;
  role_id: number;
  icon_url: string | null;
  activated: boolean;
  active_flag: boolean;
  is_admin: boolean;
  has_created_company: boolean;
  last_login: number;
}

const NAMES = [
  'Maria Silva',
  'Jaan Tamm',
  'Ana Costa',
  'Noah Miller',
  'Liis Kask',
  'Ravi Patel',
  'Mei Chen',
  'Omar Haddad',
];

export function generateUser(ctx: GenContext, id: number): UserRecord {
  const rnd = new RecordRandom(ctx.seed, STREAM.users ?? 0, id);
  const layout = ctx.layout('users');
  const name = id <= NAMES.length ? (NAMES[id - 1] as string) : `${rnd.pick(NAMES).split(' ')[0]} ${id}`;
  const update = layout.updateTime(id);
  return {
    id,
    name,
    email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@demo-company.example`,
    phone: rnd.chance(0.5) ? `+372 5${String(1_000_000 + id).slice(-7)}` : null,
    default_currency: 'EUR',
    locale: 'en_US',
    lang: 1,
    timezone_name: 'Europe/Berlin',
    timezone_offset: '+01:00',
    role_id: id === 1 ? 1 : rnd.int(1, Math.max(1, ctx.count('roles'))),
    icon_url: null,
    activated: true,
    active_flag: true,
    is_admin: id === 1,
    has_created_company: id === 1,
    last_login: update,
    add_time: layout.addTime(id),
    update_time: update,
    is_deleted: false,
    delete_time: null,
  };
}
