import type { UserRecord } from '../../entities/users.js';
import { uuidFor, STREAM } from '../../seeded-random.js';
import { v1Time } from '../time-format.js';

export function v1User(u: UserRecord, seed: number, currentUserId: number): Record<string, unknown> {
  return {
    id: u.id,
    name: u.name,
    default_currency: u.default_currency,
    locale: u.locale,
    lang: u.lang,
    email: u.email,
    phone: u.phone,
    activated: u.activated,
    last_login: v1Time(u.last_login),
    created: v1Time(u.add_time),
    modified: v1Time(u.update_time),
    has_created_company: u.has_created_company,
    access: [
      {
        app: 'sales',
        admin: u.is_admin,
        permission_set_id: uuidFor(seed, STREAM.permissionSets ?? 0, u.is_admin ? 1 : 2),
      },
      {
        app: 'global',
        admin: u.is_admin,
        permission_set_id: uuidFor(seed, STREAM.permissionSets ?? 0, u.is_admin ? 3 : 4),
      },
    ],
    active_flag: u.active_flag && !u.is_deleted,
    timezone_name: u.timezone_name,
    timezone_offset: u.timezone_offset,
    role_id: u.role_id,
    icon_url: u.icon_url,
    is_you: u.id === currentUserId,
    is_deleted: u.is_deleted,
  };
}

/** The nested user object v1 puts in `user_id`, `owner_id`, `creator_user_id`. */
export function v1UserRef(u: UserRecord | undefined, id: number): Record<string, unknown> {
  return {
    id,
    name: u?.name ?? `User ${id}`,
    email: u?.email ?? '',
    has_pic: 0,
    pic_hash: null,
    active_flag: u ? u.active_flag && !u.is_deleted : false,
    value: id,
  };
}
