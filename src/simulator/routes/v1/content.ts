import type { FileRecord, NoteRecord } from '../../entities/notes-files.js';
import type { LeadRecord } from '../../entities/leads.js';
import type { NamedRecord } from '../../entities/settings.js';
import { ApiError } from '../../http/api-types.js';
import type { ApiRequest } from '../../http/api-types.js';
import { v1Ok } from '../../http/envelope.js';
import { offsetPage, offsetWindow } from '../../http/offset.js';
import { rfc3339Param } from '../../http/query.js';
import type { Route } from '../../http/router.js';
import { indexOfUuid, mix, STREAM, uuidFor } from '../../seeded-random.js';
import { leadId, leadLabelId, v1File, v1Lead, v1Note } from '../../shapes/v1/content.js';
import { isoMillis, v1Time } from '../../shapes/time-format.js';
import type { RouteContext } from '../route-context.js';
import { numberFilter } from '../v2/list.js';
import { notFound, pathId } from '../v2/single.js';
import { v1OffsetList, v1Sort } from './list.js';

const LEAD_SOURCES = [
  'Manually created',
  'Deal',
  'Web forms',
  'Prospector',
  'Leadbooster',
  'Live chat',
  'Import',
  'Website visitors',
  'Workflow automation',
  'API',
];

export function v1ContentRoutes(ctx: RouteContext): Route[] {
  const { world, seed } = ctx;
  const notes = world.store<NoteRecord>('notes');
  const files = world.store<FileRecord>('files');
  const leads = world.store<LeadRecord>('leads');
  const labels = world.store<NamedRecord>('leadLabels');
  const noteFilter = (req: ApiRequest) => {
    const since = rfc3339Param(req.query, 'updated_since');
    const deal = numberFilter(req, 'deal_id');
    const person = numberFilter(req, 'person_id');
    const org = numberFilter(req, 'org_id');
    const user = numberFilter(req, 'user_id');
    return (n: NoteRecord) =>
      (since === undefined || n.update_time >= since) &&
      (deal === undefined || n.deal_id === deal) &&
      (person === undefined || n.person_id === person) &&
      (org === undefined || n.org_id === org) &&
      (user === undefined || n.user_id === user);
  };
  const leadList = (archived: boolean) => (req: ApiRequest) => {
    const since = rfc3339Param(req.query, 'updated_since');
    const owner = numberFilter(req, 'owner_id');
    const person = numberFilter(req, 'person_id');
    const org = numberFilter(req, 'organization_id');
    const window = offsetWindow(req.query);
    const sort = v1Sort(req);
    const rows = leads.scan({
      sortKey: sort.key,
      desc: sort.desc,
      limit: window.start + window.limit + 1,
      filter: (l) =>
        l.is_archived === archived &&
        (since === undefined || l.update_time >= since) &&
        (owner === undefined || l.owner_id === owner) &&
        (person === undefined || l.person_id === person) &&
        (org === undefined || l.organization_id === org),
    });
    const { page, pagination } = offsetPage(rows, window);
    const defs = world.fields.list('deal');
    return v1Ok(
      page.map((l) => v1Lead(l, defs, seed)),
      { pagination },
    );
  };
  const commentsOf = (note: NoteRecord) =>
    Array.from({ length: 1 + (mix(seed, STREAM.noteComments ?? 0, note.id) % 2) }, (_, j) => ({
      uuid: uuidFor(seed, STREAM.noteComments ?? 0, note.id * 4 + j),
      active_flag: true,
      add_time: v1Time(note.add_time + (j + 1) * 3_600_000),
      update_time: v1Time(note.add_time + (j + 1) * 3_600_000),
      content: `Comment ${j + 1} on note ${note.id}`,
      object_id: String(note.id),
      object_type: 'note',
      user_id: note.user_id,
      updater_id: note.user_id,
      company_id: ctx.companyId,
    }));
  const requireNote = (req: ApiRequest) => {
    const note = notes.get(pathId(req));
    if (!note) throw notFound('Note');
    return note;
  };
  return [
    {
      method: 'GET',
      version: 'v1',
      template: '/notes',
      handler: (req) =>
        v1OffsetList(req, {
          world,
          store: notes,
          filter: noteFilter,
          shape: () => (n) => v1Note(n, world, ctx.userId),
          related: false,
        }),
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/notes/{id}',
      handler: (req) => v1Ok(v1Note(requireNote(req), world, ctx.userId)),
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/notes/{id}/comments',
      handler: (req) => {
        const { page, pagination } = offsetPage(commentsOf(requireNote(req)), offsetWindow(req.query));
        return v1Ok(page, { pagination });
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/notes/{id}/comments/{commentId}',
      handler: (req) => {
        const comment = commentsOf(requireNote(req)).find((c) => c.uuid === req.params.commentId);
        if (!comment) throw notFound('Comment');
        return v1Ok(comment);
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/files',
      handler: (req) =>
        v1OffsetList(req, {
          world,
          store: files,
          filter: () => (f) => !f.is_deleted,
          shape: () => (f) => v1File(f, world, ctx.url()),
          maxLimit: 100,
          related: false,
        }),
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/files/{id}',
      handler: (req) => {
        const file = files.get(pathId(req));
        if (!file) throw notFound('File');
        return v1Ok(v1File(file, world, ctx.url()));
      },
    },
    { method: 'GET', version: 'v1', template: '/leads', handler: leadList(false) },
    { method: 'GET', version: 'v1', template: '/leads/archived', handler: leadList(true) },
    {
      method: 'GET',
      version: 'v1',
      template: '/leads/{id}',
      handler: (req) => {
        const index = indexOfUuid(req.params.id ?? '');
        const lead = index === undefined ? undefined : leads.get(index);
        if (!lead || leadId(seed, lead.id) !== req.params.id) throw notFound('Lead');
        return v1Ok(v1Lead(lead, world.fields.list('deal'), seed));
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/leadLabels',
      handler: () =>
        v1Ok(
          [...labels.all()].map((l) => ({
            id: leadLabelId(seed, l.id),
            name: l.name,
            color: l.color,
            add_time: isoMillis(l.add_time),
            update_time: isoMillis(l.update_time),
          })),
        ),
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/leadSources',
      handler: () => v1Ok(LEAD_SOURCES.map((name) => ({ name }))),
    },
  ];
}

export function assertUuid(value: string | undefined): string {
  if (!value || indexOfUuid(value) === undefined) throw new ApiError(400, 'Expected a UUID.');
  return value;
}
