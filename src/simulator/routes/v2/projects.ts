import type { ProjectRecord, TaskRecord } from '../../entities/projects.js';
import type { ApiRequest } from '../../http/api-types.js';
import type { Route } from '../../http/router.js';
import { rfc3339 } from '../../shapes/time-format.js';
import { v2CustomFields } from '../../shapes/v2/custom-fields.js';
import type { RouteContext } from '../route-context.js';
import { customFieldKeys, numberFilter, v2List } from './list.js';
import { v2Single } from './single.js';

export function v2ProjectRoutes(ctx: RouteContext): Route[] {
  const world = ctx.world;
  const projects = world.store<ProjectRecord>('projects');
  const tasks = world.store<TaskRecord>('tasks');
  const projectShape = (req: ApiRequest) => {
    const defs = world.fields.list('project');
    const keys = customFieldKeys(req);
    return (p: ProjectRecord) => ({
      id: p.id,
      title: p.title,
      description: p.description,
      status: p.is_deleted ? 'deleted' : p.status,
      board_id: p.board_id,
      phase_id: p.phase_id,
      owner_id: p.owner_id,
      start_date: p.start_date,
      end_date: p.end_date,
      deal_ids: p.deal_ids,
      person_ids: p.person_ids,
      org_ids: p.org_ids,
      label_ids: p.label_ids,
      health_status: p.health_status,
      add_time: rfc3339(p.add_time),
      update_time: rfc3339(p.update_time),
      status_change_time: rfc3339(p.status_change_time),
      archive_time: rfc3339(p.archive_time),
      custom_fields: v2CustomFields(defs, p.custom, { keys }),
    });
  };
  const taskShape = () => (t: TaskRecord) => ({
    id: t.id,
    title: t.title,
    creator_id: t.creator_id,
    description: t.description,
    project_id: t.project_id,
    is_done: t.is_done,
    is_milestone: t.is_milestone,
    due_date: t.due_date,
    start_date: t.start_date,
    parent_task_id: t.parent_task_id,
    assignee_ids: t.assignee_ids,
    priority: t.priority,
    add_time: rfc3339(t.add_time),
    update_time: rfc3339(t.update_time),
    marked_as_done_time: rfc3339(t.marked_as_done_time),
  });
  const projectFilter = (archived: boolean) => (req: ApiRequest) => {
    const status = req.query.get('status');
    const phase = numberFilter(req, 'phase_id');
    return (p: ProjectRecord) =>
      !p.is_deleted &&
      (p.archive_time !== null) === archived &&
      (status === null || status.split(',').includes(p.status)) &&
      (phase === undefined || p.phase_id === phase);
  };
  const taskFilter = (req: ApiRequest) => {
    const project = numberFilter(req, 'project_id');
    const done = req.query.get('is_done');
    return (t: TaskRecord) =>
      !t.is_deleted &&
      (project === undefined || t.project_id === project) &&
      (done === null || String(t.is_done) === done);
  };
  const sortable = ['id'];
  return [
    {
      method: 'GET',
      version: 'v2',
      template: '/projects',
      handler: (req) =>
        v2List(req, {
          store: projects,
          sortable,
          timeFilters: false,
          filter: projectFilter(false),
          shape: projectShape,
        }),
    },
    {
      method: 'GET',
      version: 'v2',
      template: '/projects/archived',
      handler: (req) =>
        v2List(req, {
          store: projects,
          sortable,
          timeFilters: false,
          filter: projectFilter(true),
          shape: projectShape,
        }),
    },
    {
      method: 'GET',
      version: 'v2',
      template: '/projects/{id}',
      handler: (req) => v2Single(req, projects, 'Project', projectShape(req)),
    },
    {
      method: 'GET',
      version: 'v2',
      template: '/tasks',
      handler: (req) =>
        v2List(req, { store: tasks, sortable, timeFilters: false, filter: taskFilter, shape: taskShape }),
    },
    {
      method: 'GET',
      version: 'v2',
      template: '/tasks/{id}',
      handler: (req) => v2Single(req, tasks, 'Task', taskShape()),
    },
  ];
}
