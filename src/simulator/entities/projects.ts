import { utcDate } from '../shapes/time-format.js';
import { generatedCustom } from '../fields/values.js';
import { RecordRandom, STREAM } from '../seeded-random.js';
import type { GenContext } from '../world/context.js';
import { DAY_MS } from '../world/record.js';
import type { SimRecord } from '../world/record.js';

export interface ProjectRecord extends SimRecord {
  title: string;
  description: string | null;
  status: 'open' | 'completed' | 'canceled' | 'deleted';
  board_id: number;
  phase_id: number;
  owner_id: number;
  start_date: string | null;
  end_date: string | null;
  deal_ids: number[];
  person_ids: number[];
  org_ids: number[];
  label_ids: number[];
  health_status: string | null;
  status_change_time: number | null;
  archive_time: number | null;
  custom: Record<string, unknown>;
}

export interface TaskRecord extends SimRecord {
  title: string;
  creator_id: number;
  description: string | null;
  project_id: number;
  is_done: boolean;
  is_milestone: boolean;
  due_date: string | null;
  start_date: string | null;
  parent_task_id: number | null;
  assignee_ids: number[];
  priority: number | null;
  marked_as_done_time: number | null;
}

const day = (ms: number) => utcDate(ms);

export function generateProject(ctx: GenContext, id: number): ProjectRecord {
  const rnd = new RecordRandom(ctx.seed, STREAM.projects ?? 0, id);
  const layout = ctx.layout('projects');
  const add = layout.addTime(id);
  const deal = ctx.ref('deals', rnd.int(0, 1 << 30));
  return {
    id,
    title: `Implementation project ${id}`,
    description: null,
    status: rnd.chance(0.7) ? 'open' : 'completed',
    board_id: 1,
    phase_id: rnd.int(1, 3),
    owner_id: rnd.int(1, Math.max(1, ctx.count('users'))),
    start_date: day(add),
    end_date: day(add + 90 * DAY_MS),
    deal_ids: deal === null ? [] : [deal],
    person_ids: [],
    org_ids: [],
    label_ids: [],
    health_status: null,
    status_change_time: null,
    // Every fourth project is archived so the archived list is never empty.
    archive_time: id % 4 === 2 ? layout.updateTime(id) : null,
    add_time: add,
    update_time: layout.updateTime(id),
    is_deleted: false,
    delete_time: null,
    custom: generatedCustom(ctx.fields.list('project'), STREAM.projects ?? 0, id, ctx.values, add),
  };
}

export function generateTask(ctx: GenContext, id: number): TaskRecord {
  const rnd = new RecordRandom(ctx.seed, STREAM.tasks ?? 0, id);
  const layout = ctx.layout('tasks');
  const add = layout.addTime(id);
  const done = rnd.chance(0.4);
  return {
    id,
    title: `Task ${id}`,
    creator_id: 1,
    description: null,
    project_id: ctx.ref('projects', rnd.int(0, 1 << 30)) ?? 1,
    is_done: done,
    is_milestone: false,
    due_date: day(add + 14 * DAY_MS),
    start_date: null,
    parent_task_id: null,
    assignee_ids: [rnd.int(1, Math.max(1, ctx.count('users')))],
    priority: null,
    marked_as_done_time: done ? layout.updateTime(id) : null,
    add_time: add,
    update_time: layout.updateTime(id),
    is_deleted: false,
    delete_time: null,
  };
}
