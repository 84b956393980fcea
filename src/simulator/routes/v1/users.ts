import type { UserRecord } from '../../entities/users.js';
import type { Route } from '../../http/router.js';
import { v1Ok } from '../../http/envelope.js';
import { v1User } from '../../shapes/v1/user.js';
import type { RouteContext } from '../route-context.js';
import { notFound, pathId } from '../v2/single.js';

export function v1UserRoutes(ctx: RouteContext): Route[] {
  const store = ctx.world.store<UserRecord>('users');
  return [
    {
      method: 'GET',
      version: 'v1',
      template: '/users/me',
      handler: () => {
        const me = store.get(ctx.userId);
        if (!me) throw notFound('User');
        return v1Ok({
          ...v1User(me, ctx.seed, ctx.userId),
          company_id: ctx.companyId,
          company_name: companyName(ctx.companyDomain),
          company_domain: ctx.companyDomain,
          company_country: 'DE',
          company_industry: 'Software',
          language: { language_code: 'en', country_code: 'US' },
        });
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/users',
      handler: () => v1Ok([...store.all()].map((u) => v1User(u, ctx.seed, ctx.userId))),
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/users/{id}',
      handler: (req) => {
        const user = store.get(pathId(req));
        if (!user) throw notFound('User');
        return v1Ok(v1User(user, ctx.seed, ctx.userId));
      },
    },
  ];
}

function companyName(domain: string): string {
  return domain
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}
