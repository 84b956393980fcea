import type { FieldEntity } from '../fields/custom-field.js';
import { fieldRows } from '../fields/field-rows.js';
import type { FieldRow } from '../fields/field-rows.js';
import type { ApiRequest } from '../http/api-types.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { ok, v1Ok } from '../http/envelope.js';
import { limitParam } from '../http/query.js';
import { offsetPage, offsetWindow } from '../http/offset.js';
import type { Route } from '../http/router.js';
import { v1FieldRow, v2FieldRow } from '../shapes/field-shapes.js';
import type { RouteContext } from './route-context.js';
import { includeFields } from './v2/list.js';
import { notFound } from './v2/single.js';

const V2_ENTITIES: FieldEntity[] = ['deal', 'person', 'organization', 'product', 'activity', 'project'];
const V1_ENTITIES = ['deal', 'person', 'organization', 'product', 'activity', 'note', 'lead'] as const;
/** v1 field lists that are offset-paginated (activity and note fields return everything). */
const V1_PAGED = new Set(['deal', 'person', 'organization', 'product', 'lead']);
const V1_SINGLE = new Set(['deal', 'person', 'organization', 'product']);

function rowsFor(ctx: RouteContext, entity: FieldEntity | 'note' | 'lead'): FieldRow[] {
  const customs = entity === 'note' ? [] : ctx.world.fields.list(entity === 'lead' ? 'deal' : entity);
  return fieldRows(entity, customs, ctx.world.start - 5 * 365 * 86_400_000);
}

function v2FieldList(req: ApiRequest, rows: FieldRow[]) {
  const include = includeFields(req, ['ui_visibility', 'important_fields', 'required_fields']);
  const limit = limitParam(req.query);
  // Field lists are short and ordered by position, so the cursor carries the position.
  const after = decodeCursor(req.query.get('cursor'), 'order', 'asc');
  const from = after ? after.id : 0;
  const page = rows.slice(from, from + limit);
  const next =
    from + limit < rows.length
      ? encodeCursor({ field: 'order', fieldValue: null, sortDirection: 'asc', id: from + limit })
      : null;
  return ok(
    page.map((r) => v2FieldRow(r, include)),
    { next_cursor: next },
  );
}

export function fieldRoutes(ctx: RouteContext): Route[] {
  const routes: Route[] = [];
  for (const entity of V2_ENTITIES) {
    routes.push({
      method: 'GET',
      version: 'v2',
      template: `/${entity}Fields`,
      handler: (req) => v2FieldList(req, rowsFor(ctx, entity)),
    });
    routes.push({
      method: 'GET',
      version: 'v2',
      template: `/${entity}Fields/{field_code}`,
      handler: (req) => {
        const row = rowsFor(ctx, entity).find((r) => r.key === req.params.field_code);
        if (!row) throw notFound('Field');
        return ok(
          v2FieldRow(row, includeFields(req, ['ui_visibility', 'important_fields', 'required_fields'])),
        );
      },
    });
  }
  for (const entity of V1_ENTITIES) {
    routes.push({
      method: 'GET',
      version: 'v1',
      template: `/${entity}Fields`,
      handler: (req) => {
        const rows = rowsFor(ctx, entity).map(v1FieldRow);
        if (!V1_PAGED.has(entity)) return v1Ok(rows);
        const { page, pagination } = offsetPage(rows, offsetWindow(req.query));
        return v1Ok(page, { pagination });
      },
    });
    if (V1_SINGLE.has(entity)) {
      routes.push({
        method: 'GET',
        version: 'v1',
        template: `/${entity}Fields/{id}`,
        handler: (req) => {
          const row = rowsFor(ctx, entity).find((r) => String(r.id) === req.params.id);
          if (!row) throw notFound('Field');
          return v1Ok(v1FieldRow(row));
        },
      });
    }
  }
  return routes;
}
