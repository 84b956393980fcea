import { RecordRandom, STREAM } from '../seeded-random.js';
import type { GenContext } from '../world/context.js';
import type { SimRecord } from '../world/record.js';

export interface CallLogRecord extends SimRecord {
  user_id: number;
  person_id: number | null;
  org_id: number | null;
  deal_id: number | null;
  activity_id: number | null;
  subject: string;
  duration: string;
  outcome: string;
  from_phone_number: string;
  to_phone_number: string;
  has_recording: boolean;
  start_time: number;
  end_time: number;
  note: string | null;
}

export interface MailThreadRecord extends SimRecord {
  user_id: number;
  deal_id: number | null;
  subject: string;
  snippet: string;
  has_attachments_flag: boolean;
  archived_flag: boolean;
  shared_flag: boolean;
  folder: 'inbox' | 'sent' | 'archive';
}

export function generateCallLog(ctx: GenContext, id: number): CallLogRecord {
  const rnd = new RecordRandom(ctx.seed, STREAM.callLogs ?? 0, id);
  const layout = ctx.layout('callLogs');
  const start = layout.addTime(id);
  const seconds = rnd.int(20, 1800);
  return {
    id,
    user_id: rnd.int(1, Math.max(1, ctx.count('users'))),
    person_id: ctx.ref('persons', rnd.int(0, 1 << 30)),
    org_id: null,
    deal_id: rnd.chance(0.5) ? ctx.ref('deals', rnd.int(0, 1 << 30)) : null,
    activity_id: null,
    subject: `Call ${id}`,
    duration: String(seconds),
    outcome: rnd.pick(['connected', 'no_answer', 'left_message', 'busy']),
    from_phone_number: '+49 30 555 0100',
    to_phone_number: `+49 151 ${String(1_000_000 + id).slice(-7)}`,
    has_recording: false,
    start_time: start,
    end_time: start + seconds * 1000,
    note: null,
    add_time: start,
    update_time: layout.updateTime(id),
    is_deleted: false,
    delete_time: null,
  };
}

export function generateMailThread(ctx: GenContext, id: number): MailThreadRecord {
  const rnd = new RecordRandom(ctx.seed, STREAM.mailThreads ?? 0, id);
  const layout = ctx.layout('mailThreads');
  return {
    id,
    user_id: rnd.int(1, Math.max(1, ctx.count('users'))),
    deal_id: rnd.chance(0.6) ? ctx.ref('deals', rnd.int(0, 1 << 30)) : null,
    subject: `Re: proposal ${id}`,
    snippet: 'Thanks for the call, attached is the updated offer.',
    has_attachments_flag: rnd.chance(0.3),
    archived_flag: false,
    shared_flag: true,
    folder: rnd.pick(['inbox', 'sent', 'archive'] as const),
    add_time: layout.addTime(id),
    update_time: layout.updateTime(id),
    is_deleted: false,
    delete_time: null,
  };
}
