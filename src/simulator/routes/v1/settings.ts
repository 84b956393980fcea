import { ACTIVITY_TYPES } from '../../entities/activity-types.js';
import type { NamedRecord } from '../../entities/settings.js';
import type { UserRecord } from '../../entities/users.js';
import { v1Ok } from '../../http/envelope.js';
import { offsetPage, offsetWindow } from '../../http/offset.js';
import type { Route } from '../../http/router.js';
import { STREAM, uuidFor } from '../../seeded-random.js';
import { v1Time } from '../../shapes/time-format.js';
import type { RouteContext } from '../route-context.js';
import { notFound, pathId } from '../v2/single.js';

const CURRENCIES = [
  ['EUR', 'Euro', '€'],
  ['USD', 'US Dollar', '$'],
  ['GBP', 'British Pound', '£'],
  ['SEK', 'Swedish Krona', 'kr'],
  ['JPY', 'Japanese Yen', '¥'],
] as const;

const PERMISSION_SETS = [
  ['Global admin', 'global', 'admin'],
  ['Global regular user', 'global', 'regular'],
  ['Sales admin', 'sales', 'admin'],
  ['Sales regular user', 'sales', 'regular'],
] as const;

export function v1SettingsRoutes(ctx: RouteContext): Route[] {
  const { world, seed } = ctx;
  const created = v1Time(world.start - 4 * 365 * 86_400_000);
  const filters = world.store<NamedRecord>('filters');
  const goals = world.store<NamedRecord>('goals');
  const roles = world.store<NamedRecord>('roles');
  const users = world.store<UserRecord>('users');
  const activityType = (t: (typeof ACTIVITY_TYPES)[number]) => ({
    id: t.id,
    order_nr: t.id,
    name: t.name,
    key_string: t.key,
    icon_key: t.icon,
    active_flag: true,
    color: null,
    is_custom_flag: false,
    add_time: created,
    update_time: created,
  });
  const role = (r: NamedRecord) => ({
    id: r.id,
    parent_role_id: r.parent_id,
    name: r.name,
    active_flag: !r.is_deleted,
    assignment_count: String([...users.all()].filter((u) => u.role_id === r.id).length),
    sub_role_count: String(r.id === 1 ? Math.max(0, [...roles.all()].length - 1) : 0),
    level: r.id === 1 ? 1 : 2,
  });
  const permissionSet = (i: number) => {
    const [name, app, type] = PERMISSION_SETS[i - 1] ?? PERMISSION_SETS[0];
    return {
      id: uuidFor(seed, STREAM.permissionSets ?? 0, i),
      name,
      description: `${name} permissions`,
      app,
      type,
      assignment_count: type === 'admin' ? 1 : 2,
    };
  };
  const requireRole = (id: number) => {
    const r = roles.get(id);
    if (!r) throw notFound('Role');
    return r;
  };
  return [
    {
      method: 'GET',
      version: 'v1',
      template: '/activityTypes',
      handler: () => v1Ok(ACTIVITY_TYPES.map(activityType)),
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/currencies',
      handler: () =>
        v1Ok(
          CURRENCIES.map(([code, name, symbol], i) => ({
            id: i + 1,
            code,
            name,
            decimal_points: code === 'JPY' ? 0 : 2,
            symbol,
            active_flag: true,
            is_custom_flag: false,
          })),
        ),
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/filters',
      handler: (req) => {
        const type = req.query.get('type');
        const rows = [...filters.all()].filter((f) => type === null || f.kind === type);
        return v1Ok(
          rows.map((f) => ({
            id: f.id,
            name: f.name,
            active_flag: true,
            type: f.kind,
            temporary_flag: null,
            user_id: f.user_id,
            add_time: v1Time(f.add_time),
            update_time: v1Time(f.update_time),
            visible_to: '7',
            custom_view_id: null,
          })),
        );
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/goals/find',
      handler: () =>
        v1Ok({
          goals: [...goals.all()].map((g) => ({
            id: uuidFor(seed, STREAM.goals ?? 0, g.id)
              .replace(/-/g, '')
              .slice(0, 32),
            owner_id: g.user_id,
            title: g.name,
            type: { name: 'deals_won', params: { pipeline_id: [1] } },
            assignee: { id: g.user_id, type: 'person' },
            interval: 'quarterly',
            duration: { start: '2026-01-01', end: '2026-12-31' },
            expected_outcome: { target: 50, tracking_metric: 'quantity' },
            is_active: true,
            report_ids: [],
          })),
        }),
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/roles',
      handler: (req) => {
        const { page, pagination } = offsetPage([...roles.all()].map(role), offsetWindow(req.query));
        return v1Ok(page, { pagination });
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/roles/{id}',
      handler: (req) => v1Ok(role(requireRole(pathId(req)))),
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/roles/{id}/assignments',
      handler: (req) => {
        const r = requireRole(pathId(req));
        const rows = [...users.all()]
          .filter((u) => u.role_id === r.id)
          .map((u) => ({
            parent_role_id: r.parent_id,
            name: u.name,
            user_id: u.id,
            role_id: r.id,
            active_flag: true,
            type: '1',
          }));
        const { page, pagination } = offsetPage(rows, offsetWindow(req.query));
        return v1Ok(page, { pagination });
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/roles/{id}/settings',
      handler: (req) => {
        requireRole(pathId(req));
        return v1Ok({
          deal_default_visibility: 3,
          lead_default_visibility: 3,
          org_default_visibility: 3,
          person_default_visibility: 3,
          product_default_visibility: 3,
          deal_access_level: 7,
          org_access_level: 7,
          person_access_level: 7,
          product_access_level: 7,
        });
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/permissionSets',
      handler: (req) => {
        const app = req.query.get('app');
        return v1Ok([1, 2, 3, 4].map(permissionSet).filter((p) => app === null || p.app === app));
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/permissionSets/{id}',
      handler: (req) => {
        const found = [1, 2, 3, 4].map(permissionSet).find((p) => p.id === req.params.id);
        if (!found) throw notFound('Permission set');
        return v1Ok({ ...found, contents: [] });
      },
    },
  ];
}
