import type { ProjectRecord, TaskRecord } from '../../entities/projects.js';
import { ApiError } from '../../http/api-types.js';
import type { ApiRequest, ApiResponse } from '../../http/api-types.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { v1Ok } from '../../http/envelope.js';
import { limitParam, listParam } from '../../http/query.js';
import type { Route } from '../../http/router.js';
import { v1Time } from '../../shapes/time-format.js';
import { writeV1Custom } from '../../shapes/v1/custom-fields.js';
import type { SimRecord } from '../../world/record.js';
import type { RecordStore } from '../../world/store.js';
import type { RouteContext } from '../route-context.js';
import { numberFilter } from '../v2/list.js';
import { notFound, pathId } from '../v2/single.js';

const PROJECT_STATUSES = ['open', 'completed', 'canceled', 'deleted'];

/** v1 projects and tasks are cursor-paginated in id order (the same records as the v2 lists). */
function v1CursorList<R extends SimRecord>(
  req: ApiRequest,
  store: RecordStore<R>,
  filter: (r: R) => boolean,
  shape: (r: R) => Record<string, unknown>,
  fallbackLimit: number,
): ApiResponse {
  const limit = limitParam(req.query, fallbackLimit);
  const after = decodeCursor(req.query.get('cursor'), 'id', 'asc');
  const rows = store.scan({
    sortKey: 'id',
    desc: false,
    after: after ? { k: after.id, id: after.id } : undefined,
    filter,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next =
    rows.length > limit && last
      ? encodeCursor({ field: 'id', fieldValue: last.id, sortDirection: 'asc', id: last.id })
      : null;
  return v1Ok(page.map(shape), { next_cursor: next });
}

/** v1 `done` and similar flags are 0/1 numbers. */
function numberBoolean(req: ApiRequest, name: string): boolean | undefined {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw !== '0' && raw !== '1') throw new ApiError(400, `Parameter '${name}' must be 0 or 1.`);
  return raw === '1';
}

export function v1ProjectRoutes(ctx: RouteContext): Route[] {
  const { world } = ctx;
  const projects = world.store<ProjectRecord>('projects');
  const tasks = world.store<TaskRecord>('tasks');
  const projectShape = (p: ProjectRecord): Record<string, unknown> => {
    const out: Record<string, unknown> = {
      id: p.id,
      title: p.title,
      board_id: p.board_id,
      phase_id: p.phase_id,
      description: p.description,
      status: p.is_deleted ? 'deleted' : p.status,
      owner_id: p.owner_id,
      start_date: p.start_date,
      end_date: p.end_date,
      deal_ids: p.deal_ids,
      org_id: p.org_ids[0] ?? null,
      person_id: p.person_ids[0] ?? null,
      labels: p.label_ids,
      // v1 documents health_status as an integer; the simulated projects carry none.
      health_status: null,
      add_time: v1Time(p.add_time),
      update_time: v1Time(p.update_time),
      status_change_time: v1Time(p.status_change_time),
      archive_time: v1Time(p.archive_time),
    };
    writeV1Custom(out, world.fields.list('project'), p.custom);
    return out;
  };
  const taskShape = (t: TaskRecord): Record<string, unknown> => ({
    id: t.id,
    title: t.title,
    project_id: t.project_id,
    description: t.description,
    parent_task_id: t.parent_task_id,
    assignee_id: t.assignee_ids[0] ?? null,
    assignee_ids: t.assignee_ids,
    done: t.is_done ? 1 : 0,
    due_date: t.due_date,
    creator_id: t.creator_id,
    add_time: v1Time(t.add_time),
    update_time: v1Time(t.update_time),
    marked_as_done_time: v1Time(t.marked_as_done_time),
  });
  const projectFilter = (req: ApiRequest) => {
    const statuses = listParam(req.query, 'status') ?? ['open', 'completed', 'canceled'];
    for (const s of statuses)
      if (!PROJECT_STATUSES.includes(s)) throw new ApiError(400, `Unknown project status '${s}'.`);
    const phase = numberFilter(req, 'phase_id');
    const archived = req.query.get('include_archived') === 'true';
    return (p: ProjectRecord) =>
      statuses.includes(p.is_deleted ? 'deleted' : p.status) &&
      (archived || p.archive_time === null) &&
      (phase === undefined || p.phase_id === phase);
  };
  const taskFilter = (req: ApiRequest) => {
    const assignee = numberFilter(req, 'assignee_id');
    const project = numberFilter(req, 'project_id');
    const parentRaw = req.query.get('parent_task_id');
    const parent = parentRaw === 'null' ? null : numberFilter(req, 'parent_task_id');
    const done = numberBoolean(req, 'done');
    return (t: TaskRecord) =>
      !t.is_deleted &&
      (assignee === undefined || t.assignee_ids.includes(assignee)) &&
      (project === undefined || t.project_id === project) &&
      (parent === undefined || t.parent_task_id === parent) &&
      (done === undefined || t.is_done === done);
  };
  return [
    {
      method: 'GET',
      version: 'v1',
      template: '/projects',
      handler: (req) => v1CursorList(req, projects, projectFilter(req), projectShape, 100),
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/projects/{id}',
      handler: (req) => {
        const project = projects.get(pathId(req));
        if (!project) throw notFound('Project');
        return v1Ok(projectShape(project), null);
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/tasks',
      handler: (req) => v1CursorList(req, tasks, taskFilter(req), taskShape, 500),
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/tasks/{id}',
      handler: (req) => {
        const task = tasks.get(pathId(req));
        if (!task || task.is_deleted) throw notFound('Task');
        return v1Ok(taskShape(task), null);
      },
    },
  ];
}
