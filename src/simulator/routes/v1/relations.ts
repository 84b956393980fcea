import type { CallLogRecord, MailThreadRecord } from '../../entities/communication.js';
import type { DealRecord } from '../../entities/deals.js';
import { dealProductsOf, followersOf } from '../../entities/derived.js';
import type { PersonRecord } from '../../entities/persons.js';
import type { NamedRecord } from '../../entities/settings.js';
import { ApiError } from '../../http/api-types.js';
import type { ApiRequest } from '../../http/api-types.js';
import { v1Ok } from '../../http/envelope.js';
import { offsetPage, offsetWindow } from '../../http/offset.js';
import type { Route } from '../../http/router.js';
import { v1Time } from '../../shapes/time-format.js';
import { v1Person } from '../../shapes/v1/contacts.js';
import { RelatedObjects } from '../../shapes/v1/relations.js';
import type { SimRecord } from '../../world/record.js';
import type { RouteContext } from '../route-context.js';
import { numberFilter } from '../v2/list.js';
import { notFound, pathId } from '../v2/single.js';
import { v1OffsetList } from './list.js';

const iso = (ms: number) => new Date(ms).toISOString();

function callLog(c: CallLogRecord, companyId: number): Record<string, unknown> {
  return {
    id: `cl${c.id}`,
    user_id: c.user_id,
    activity_id: c.activity_id,
    subject: c.subject,
    duration: c.duration,
    outcome: c.outcome,
    from_phone_number: c.from_phone_number,
    to_phone_number: c.to_phone_number,
    start_time: iso(c.start_time),
    end_time: iso(c.end_time),
    person_id: c.person_id,
    org_id: c.org_id,
    deal_id: c.deal_id,
    lead_id: null,
    note: c.note,
    has_recording: c.has_recording,
    company_id: companyId,
  };
}

function mailThread(t: MailThreadRecord): Record<string, unknown> {
  return {
    id: t.id,
    account_id: `acc${t.user_id}`,
    user_id: t.user_id,
    subject: t.subject,
    snippet: t.snippet,
    read_flag: 1,
    mail_tracking_status: null,
    has_attachments_flag: t.has_attachments_flag ? 1 : 0,
    has_inline_attachments_flag: 0,
    has_real_attachments_flag: t.has_attachments_flag ? 1 : 0,
    deleted_flag: t.is_deleted ? 1 : 0,
    synced_flag: 1,
    smart_bcc_flag: 0,
    mail_link_tracking_enabled_flag: 0,
    parties: { to: [], from: [] },
    drafts_parties: [],
    folders: [t.folder],
    version: 1,
    snippet_draft: null,
    snippet_sent: t.snippet,
    message_count: 2,
    has_draft_flag: 0,
    has_sent_flag: 1,
    archived_flag: t.archived_flag ? 1 : 0,
    shared_flag: t.shared_flag ? 1 : 0,
    external_deleted_flag: 0,
    first_message_to_me_flag: 1,
    last_message_timestamp: iso(t.update_time),
    first_message_timestamp: iso(t.add_time),
    last_message_sent_timestamp: null,
    last_message_received_timestamp: iso(t.update_time),
    add_time: iso(t.add_time),
    update_time: iso(t.update_time),
    deal_id: t.deal_id,
    deal_status: null,
    lead_id: null,
    all_messages_sent_flag: 0,
  };
}

export function v1RelationRoutes(ctx: RouteContext): Route[] {
  const { world, seed } = ctx;
  const calls = world.store<CallLogRecord>('callLogs');
  const threads = world.store<MailThreadRecord>('mailThreads');
  const deals = world.store<DealRecord>('deals');
  const relationships = world.store<NamedRecord>('organizationRelationships');
  const requireDeal = (req: ApiRequest) => {
    const deal = deals.get(pathId(req));
    if (!deal) throw notFound('Deal');
    return deal;
  };
  const routes: Route[] = [
    {
      method: 'GET',
      version: 'v1',
      template: '/callLogs',
      handler: (req) =>
        v1OffsetList(req, {
          world,
          store: calls,
          filter: () => (c) => !c.is_deleted,
          shape: () => (c) => callLog(c, ctx.companyId),
          maxLimit: 50,
          related: false,
        }),
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/callLogs/{id}',
      handler: (req) => {
        const call = calls.get(Number(String(req.params.id).replace(/^cl/, '')));
        if (!call) throw notFound('Call log');
        return v1Ok(callLog(call, ctx.companyId));
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/mailbox/mailThreads',
      handler: (req) => {
        const folder = req.query.get('folder') ?? 'inbox';
        if (!['inbox', 'drafts', 'sent', 'archive'].includes(folder))
          throw new ApiError(400, "Parameter 'folder' must be inbox, drafts, sent or archive.");
        return v1OffsetList(req, {
          world,
          store: threads,
          filter: () => (t) => !t.is_deleted && t.folder === folder,
          shape: () => mailThread,
          maxLimit: 50,
          related: false,
        });
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/mailbox/mailThreads/{id}',
      handler: (req) => {
        const thread = threads.get(pathId(req));
        if (!thread) throw notFound('Mail thread');
        return v1Ok(mailThread(thread));
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/deals/{id}/participants',
      handler: (req) => {
        const deal = requireDeal(req);
        const person =
          deal.person_id === null ? undefined : world.store<PersonRecord>('persons').get(deal.person_id);
        const rel = new RelatedObjects(world);
        const rows = person
          ? [
              {
                ...v1Person(person, world.fields.list('person'), rel, seed),
                id: deal.id * 10 + 1,
                person_id: rel.person(person.id),
                related_item_id: deal.id,
                related_item_type: 'deal',
                added_by_user_id: rel.user(deal.creator_user_id),
                add_time: v1Time(deal.add_time),
                active_flag: true,
              },
            ]
          : [];
        const { page, pagination } = offsetPage(rows, offsetWindow(req.query));
        return v1Ok(page, { pagination }, rel.toJSON());
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/deals/{id}/products',
      handler: (req) => {
        const deal = requireDeal(req);
        const rows = dealProductsOf(world, deal).map((r) => ({
          id: r.id,
          deal_id: r.deal_id,
          order_nr: r.order_nr,
          product_id: r.product_id,
          product_variation_id: null,
          item_price: r.item_price,
          discount: r.discount,
          discount_type: 'percentage',
          sum: r.item_price * r.quantity,
          currency: r.currency,
          enabled_flag: true,
          add_time: v1Time(r.add_time),
          last_edit: v1Time(r.update_time),
          comments: null,
          active_flag: true,
          tax: r.tax,
          tax_method: 'inclusive',
          name: r.name,
          quantity: r.quantity,
          billing_frequency: r.billing_frequency,
          billing_frequency_cycles: null,
          billing_start_date: null,
        }));
        const { page, pagination } = offsetPage(rows, offsetWindow(req.query));
        return v1Ok(page, { pagination });
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/organizationRelationships',
      handler: (req) => {
        const org = numberFilter(req, 'org_id');
        if (org === undefined) throw new ApiError(400, "Parameter 'org_id' is required.");
        const rel = new RelatedObjects(world);
        const rows = [...relationships.all()]
          .filter((r) => !r.is_deleted && (r.parent_id === org || r.related_id === org))
          .map((r) => ({
            id: r.id,
            type: 'parent',
            rel_owner_org_id: rel.organization(r.parent_id),
            rel_linked_org_id: rel.organization(r.related_id),
            add_time: v1Time(r.add_time),
            update_time: v1Time(r.update_time),
            active_flag: 'true',
            calculated_type: r.parent_id === org ? 'daughter' : 'parent',
            calculated_related_org_id: r.parent_id === org ? r.related_id : r.parent_id,
            related_organization_name: '',
          }));
        return v1Ok(rows, {}, rel.toJSON());
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/organizationRelationships/{id}',
      handler: (req) => {
        const r = relationships.get(pathId(req));
        if (!r) throw notFound('Relationship');
        const rel = new RelatedObjects(world);
        return v1Ok(
          {
            id: r.id,
            type: 'parent',
            rel_owner_org_id: rel.organization(r.parent_id),
            rel_linked_org_id: rel.organization(r.related_id),
            add_time: v1Time(r.add_time),
            update_time: v1Time(r.update_time),
            active_flag: 'true',
          },
          {},
          rel.toJSON(),
        );
      },
    },
  ];
  for (const [path, entity, key] of [
    ['deals', 'deals', 'deal_id'],
    ['persons', 'persons', 'person_id'],
    ['organizations', 'organizations', 'org_id'],
    ['products', 'products', 'product_id'],
    ['users', 'users', 'user_id'],
  ] as const) {
    routes.push({
      method: 'GET',
      version: 'v1',
      template: `/${path}/{id}/followers`,
      handler: (req) => {
        const parent = world.store<SimRecord & { owner_id?: number }>(entity).get(pathId(req));
        if (!parent) throw notFound('Item');
        const followers = followersOf(seed, parent.id, parent.owner_id ?? parent.id, parent.add_time);
        // v1 lists a user's followers as bare user ids.
        if (entity === 'users') return v1Ok(followers.map((f) => f.user_id));
        const rows = followers.map((f) => ({
          id: f.id,
          user_id: f.user_id,
          [key]: parent.id,
          add_time: v1Time(f.add_time),
        }));
        const { page, pagination } = offsetPage(rows, offsetWindow(req.query));
        return v1Ok(page, { pagination });
      },
    });
  }
  return routes;
}
