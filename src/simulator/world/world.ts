import { FieldCatalog } from '../fields/catalog.js';
import type { CustomFieldDef, CustomFieldType, FieldEntity, FieldOption } from '../fields/custom-field.js';
import { ChildCounts } from './child-counts.js';
import { GenContext } from './context.js';
import type { SimRecord } from './record.js';
import { ENTITIES } from './registry.js';
import { entityCounts } from './scale.js';
import { RecordStore } from './store.js';

export type RecordPatch = Record<string, unknown> & { custom?: Record<string, unknown> };

/**
 * The simulated company: generated records plus the mutations tests and API
 * writes make. All writes stamp `update_time` with the simulator clock.
 */
export class World {
  readonly fields: FieldCatalog;
  readonly ctx: GenContext;
  /** `*_count` fields consistent with the child endpoints. */
  readonly counts: ChildCounts;
  private readonly stores = new Map<string, RecordStore<SimRecord>>();

  constructor(
    readonly seed: number,
    scale: number | Partial<Record<string, number>> | undefined,
    readonly start: number,
    private readonly now: () => number,
  ) {
    const counts = entityCounts(scale);
    this.fields = new FieldCatalog(seed, start - 4 * 365 * 86_400_000);
    this.ctx = new GenContext(seed, counts, start, this.fields);
    this.counts = new ChildCounts(this);
    for (const [name, spec] of Object.entries(ENTITIES)) {
      const ctx = this.ctx;
      this.stores.set(name, new RecordStore(name, ctx.count(name), (id) => spec.generate(ctx, id)));
    }
  }

  entities(): string[] {
    return [...this.stores.keys()];
  }

  store<R extends SimRecord = SimRecord>(entity: string): RecordStore<R> {
    const store = this.stores.get(entity);
    if (!store) throw new Error(`unknown entity '${entity}'`);
    return store as unknown as RecordStore<R>;
  }

  get<R extends SimRecord = SimRecord>(entity: string, id: number): R | undefined {
    this.sweep();
    return this.store<R>(entity).get(id);
  }

  /** Every record still served (live, and deleted ones inside the 30-day window), in id order. */
  *records<R extends SimRecord = SimRecord>(entity: string): Generator<R> {
    this.sweep();
    yield* this.store<R>(entity).all();
  }

  create<R extends SimRecord = SimRecord>(entity: string, values: RecordPatch): R {
    const store = this.store<R>(entity);
    const id = store.allocateId();
    const template = ENTITIES[entity]?.generate(this.ctx, Math.max(1, Math.min(id, store.baseCount || 1)));
    const now = this.now();
    const custom: Record<string, unknown> = {};
    const spec = ENTITIES[entity];
    if (spec?.fields) for (const def of this.fields.list(spec.fields)) custom[def.key] = null;
    const record = {
      ...(template ?? {}),
      ...values,
      id,
      add_time: now,
      update_time: now,
      is_deleted: false,
      delete_time: null,
      ...(spec?.fields ? { custom: { ...custom, ...(values.custom ?? {}) } } : {}),
    } as unknown as R;
    if ('status' in record && (record as unknown as { status: string }).status === 'deleted') {
      throw new Error('cannot create a deleted record');
    }
    store.put(record);
    return record;
  }

  update<R extends SimRecord = SimRecord>(entity: string, id: number, patch: RecordPatch): R {
    const current = this.require<R>(entity, id);
    const next = { ...current, ...patch, id, update_time: this.now() } as R;
    if (patch.custom) next.custom = { ...(current.custom ?? {}), ...patch.custom };
    this.store<R>(entity).put(next);
    return next;
  }

  /** Soft delete: flagged, listable for 30 days, then purged. Notes and leads go at once. */
  delete(entity: string, id: number): void {
    const current = this.require(entity, id);
    if (ENTITIES[entity]?.hardDelete) {
      this.store(entity).remove(id);
      return;
    }
    const now = this.now();
    const next = { ...current, is_deleted: true, delete_time: now, update_time: now } as SimRecord & {
      status?: string;
    };
    if ('status' in current) next.status = 'deleted';
    this.store(entity).put(next);
  }

  archive(entity: 'deals' | 'leads', id: number, archived = true): SimRecord {
    const now = this.now();
    return this.update(entity, id, { is_archived: archived, archive_time: archived ? now : null });
  }

  addField(
    entity: FieldEntity,
    name: string,
    fieldType: CustomFieldType,
    options?: string[],
  ): CustomFieldDef {
    return this.fields.add(entity, name, fieldType, options, this.now());
  }

  renameField(entity: FieldEntity, key: string, name: string): CustomFieldDef {
    return this.fields.rename(entity, key, name, this.now());
  }

  deleteField(entity: FieldEntity, key: string): void {
    this.fields.remove(entity, key);
  }

  addFieldOption(entity: FieldEntity, key: string, label: string): FieldOption {
    return this.fields.addOption(entity, key, label, this.now());
  }

  renameFieldOption(entity: FieldEntity, key: string, optionId: number, label: string): void {
    this.fields.renameOption(entity, key, optionId, label, this.now());
  }

  deleteFieldOption(entity: FieldEntity, key: string, optionId: number): void {
    this.fields.removeOption(entity, key, optionId, this.now());
  }

  /** Purges records deleted more than 30 simulated days ago. */
  sweep(): void {
    const now = this.now();
    for (const store of this.stores.values()) store.sweep(now);
  }

  /** Records held in memory (mutations only), for the memory report. */
  mutationCount(): number {
    let total = 0;
    for (const store of this.stores.values()) total += store.mutationCount();
    return total;
  }

  private require<R extends SimRecord>(entity: string, id: number): R {
    const record = this.get<R>(entity, id);
    if (!record) throw new Error(`${entity} ${id} does not exist`);
    return record;
  }
}
