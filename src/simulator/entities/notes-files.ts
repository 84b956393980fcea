import { RecordRandom, STREAM } from '../seeded-random.js';
import type { GenContext } from '../world/context.js';
import type { SimRecord } from '../world/record.js';

export interface NoteRecord extends SimRecord {
  content: string;
  user_id: number;
  deal_id: number | null;
  person_id: number | null;
  org_id: number | null;
  lead_id: string | null;
  project_id: number | null;
  pinned_to_deal_flag: boolean;
}

export interface FileRecord extends SimRecord {
  user_id: number;
  deal_id: number | null;
  person_id: number | null;
  org_id: number | null;
  product_id: number | null;
  activity_id: number | null;
  file_name: string;
  file_type: string;
  file_size: number;
}

export function generateNote(ctx: GenContext, id: number): NoteRecord {
  const rnd = new RecordRandom(ctx.seed, STREAM.notes ?? 0, id);
  const layout = ctx.layout('notes');
  const onDeal = rnd.chance(0.6);
  return {
    id,
    content: `<p>Call summary ${id}: next steps agreed.</p>`,
    user_id: rnd.int(1, Math.max(1, ctx.count('users'))),
    deal_id: onDeal ? ctx.ref('deals', rnd.int(0, 1 << 30)) : null,
    person_id: !onDeal && rnd.chance(0.7) ? ctx.ref('persons', rnd.int(0, 1 << 30)) : null,
    org_id: rnd.chance(0.3) ? ctx.ref('organizations', rnd.int(0, 1 << 30)) : null,
    lead_id: null,
    project_id: null,
    pinned_to_deal_flag: false,
    add_time: layout.addTime(id),
    update_time: layout.updateTime(id),
    is_deleted: false,
    delete_time: null,
  };
}

export function generateFile(ctx: GenContext, id: number): FileRecord {
  const rnd = new RecordRandom(ctx.seed, STREAM.files ?? 0, id);
  const layout = ctx.layout('files');
  const type = rnd.pick(['pdf', 'png', 'docx', 'xlsx']);
  return {
    id,
    user_id: rnd.int(1, Math.max(1, ctx.count('users'))),
    deal_id: rnd.chance(0.7) ? ctx.ref('deals', rnd.int(0, 1 << 30)) : null,
    person_id: rnd.chance(0.3) ? ctx.ref('persons', rnd.int(0, 1 << 30)) : null,
    org_id: null,
    product_id: null,
    activity_id: null,
    file_name: `document-${id}.${type}`,
    file_type: type,
    file_size: rnd.int(1_000, 5_000_000),
    add_time: layout.addTime(id),
    update_time: layout.updateTime(id),
    is_deleted: false,
    delete_time: null,
  };
}
