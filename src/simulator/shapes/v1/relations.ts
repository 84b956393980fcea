import type { OrganizationRecord } from '../../entities/organizations.js';
import type { PersonRecord } from '../../entities/persons.js';
import type { PipelineRecord, StageRecord } from '../../entities/pipelines.js';
import type { UserRecord } from '../../entities/users.js';
import type { World } from '../../world/world.js';
import { v1UserRef } from './user.js';

const CC_EMAIL = 'demo-company@pipedrivemail.com';

/** Collects the `related_objects` maps of a v1 response while records are shaped. */
export class RelatedObjects {
  private readonly users = new Map<string, Record<string, unknown>>();
  private readonly persons = new Map<string, Record<string, unknown>>();
  private readonly orgs = new Map<string, Record<string, unknown>>();
  private readonly stages = new Map<string, Record<string, unknown>>();
  private readonly pipelines = new Map<string, Record<string, unknown>>();

  constructor(readonly world: World) {}

  user(id: number | null): Record<string, unknown> | null {
    if (id === null) return null;
    const u = this.world.store<UserRecord>('users').get(id);
    const ref = v1UserRef(u, id);
    const { value: _value, ...related } = ref;
    this.users.set(String(id), related);
    return ref;
  }

  person(id: number | null): Record<string, unknown> | null {
    if (id === null) return null;
    const p = this.world.store<PersonRecord>('persons').get(id);
    if (!p) return null;
    const email = p.emails.map((e) => ({ label: e.label, value: e.value, primary: e.primary }));
    const phone = p.phones.map((e) => ({ label: e.label, value: e.value, primary: e.primary }));
    const base = { active_flag: !p.is_deleted, name: p.name, email, phone, owner_id: p.owner_id };
    this.persons.set(String(id), { id, ...base });
    return { ...base, value: id };
  }

  organization(id: number | null): Record<string, unknown> | null {
    if (id === null) return null;
    const o = this.world.store<OrganizationRecord>('organizations').get(id);
    if (!o) return null;
    const base = {
      name: o.name,
      people_count: this.world.counts.count('organizations', o, 'people_count'),
      owner_id: o.owner_id,
      address: (o.address?.value as string | undefined) ?? null,
      active_flag: !o.is_deleted,
      cc_email: CC_EMAIL,
    };
    this.orgs.set(String(id), { id, ...base });
    return { ...base, value: id };
  }

  stage(id: number): StageRecord | undefined {
    const s = this.world.store<StageRecord>('stages').get(id);
    if (s) {
      this.stages.set(String(id), {
        id,
        name: s.name,
        pipeline_id: s.pipeline_id,
        order_nr: s.order_nr,
        deal_probability: s.deal_probability,
        active_flag: !s.is_deleted,
      });
      this.pipeline(s.pipeline_id);
    }
    return s;
  }

  pipeline(id: number): PipelineRecord | undefined {
    const p = this.world.store<PipelineRecord>('pipelines').get(id);
    if (p) {
      this.pipelines.set(String(id), {
        id,
        name: p.name,
        url_title: p.name.toLowerCase(),
        order_nr: p.order_nr,
        active: !p.is_deleted,
        deal_probability: p.is_deal_probability_enabled,
      });
    }
    return p;
  }

  toJSON(): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    const add = (name: string, map: Map<string, Record<string, unknown>>) => {
      if (map.size) out[name] = Object.fromEntries(map);
    };
    add('user', this.users);
    add('person', this.persons);
    add('organization', this.orgs);
    add('stage', this.stages);
    add('pipeline', this.pipelines);
    return out;
  }
}

export const V1_CC_EMAIL = CC_EMAIL;
