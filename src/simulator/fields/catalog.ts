import { hexKey, mix, STREAM } from '../seeded-random.js';
import { CUSTOM_FIELD_TYPES, FIELD_ENTITIES } from './custom-field.js';
import type { CustomFieldDef, CustomFieldType, FieldEntity, FieldOption } from './custom-field.js';

const OPTION_LABELS = ['Retail', 'Manufacturing', 'Healthcare', 'Finance', 'Education', 'Logistics', 'Media'];
const TYPE_NAMES: Record<CustomFieldType, string> = {
  varchar: 'Reference',
  varchar_auto: 'Referral source',
  text: 'Background',
  double: 'Score',
  monetary: 'Contract value',
  enum: 'Industry',
  set: 'Interests',
  user: 'Account manager',
  org: 'Partner organization',
  people: 'Champion',
  phone: 'Hotline',
  date: 'Renewal date',
  daterange: 'Contract period',
  time: 'Preferred call time',
  timerange: 'Office hours',
  address: 'Billing address',
};

/** Custom field definitions per entity: generated from the seed, then mutable through the world API. */
export class FieldCatalog {
  private readonly fields = new Map<FieldEntity, CustomFieldDef[]>();
  private nextFieldId = 9000;
  private nextOptionId = 100;
  private created = 0;

  constructor(
    private readonly seed: number,
    createdAt: number,
  ) {
    FIELD_ENTITIES.forEach((entity, e) => {
      const defs = CUSTOM_FIELD_TYPES.map((type, t) =>
        this.build(entity, type, `${TYPE_NAMES[type]}`, e * 100 + t, createdAt),
      );
      defs.forEach((d) => (d.generated = true));
      this.fields.set(entity, defs);
    });
  }

  list(entity: FieldEntity): readonly CustomFieldDef[] {
    return this.fields.get(entity) ?? [];
  }

  find(entity: FieldEntity, key: string): CustomFieldDef | undefined {
    return this.list(entity).find((f) => f.key === key);
  }

  add(
    entity: FieldEntity,
    name: string,
    fieldType: CustomFieldType,
    options: string[] | undefined,
    now: number,
  ): CustomFieldDef {
    this.created += 1;
    const def = this.build(entity, fieldType, name, 10_000 + this.created, now, options);
    this.fields.get(entity)?.push(def);
    return def;
  }

  rename(entity: FieldEntity, key: string, name: string, now: number): CustomFieldDef {
    const def = this.require(entity, key);
    def.name = name;
    def.updateTime = now;
    return def;
  }

  remove(entity: FieldEntity, key: string): void {
    const defs = this.fields.get(entity) ?? [];
    const index = defs.findIndex((f) => f.key === key);
    if (index < 0) throw new Error(`no ${entity} field ${key}`);
    defs.splice(index, 1);
  }

  addOption(entity: FieldEntity, key: string, label: string, now: number): FieldOption {
    const def = this.require(entity, key);
    if (!def.options) throw new Error(`${entity} field ${key} has no options`);
    const option = { id: this.nextOptionId++, label };
    def.options.push(option);
    def.updateTime = now;
    return option;
  }

  renameOption(entity: FieldEntity, key: string, optionId: number, label: string, now: number): void {
    const option = this.require(entity, key).options?.find((o) => o.id === optionId);
    if (!option) throw new Error(`no option ${optionId} on ${entity} field ${key}`);
    option.label = label;
    this.require(entity, key).updateTime = now;
  }

  removeOption(entity: FieldEntity, key: string, optionId: number, now: number): void {
    const def = this.require(entity, key);
    def.options = (def.options ?? []).filter((o) => o.id !== optionId);
    def.updateTime = now;
  }

  private require(entity: FieldEntity, key: string): CustomFieldDef {
    const def = this.find(entity, key);
    if (!def) throw new Error(`no ${entity} field ${key}`);
    return def;
  }

  private build(
    entity: FieldEntity,
    fieldType: CustomFieldType,
    name: string,
    index: number,
    time: number,
    labels?: string[],
  ): CustomFieldDef {
    const hasOptions = fieldType === 'enum' || fieldType === 'set';
    const count = 3 + (mix(this.seed, STREAM.fields ?? 0, index) % 3);
    const optionLabels = labels ?? OPTION_LABELS.slice(0, count);
    const options = hasOptions ? optionLabels.map((label) => ({ id: this.nextOptionId++, label })) : null;
    return {
      id: this.nextFieldId++,
      key: hexKey(this.seed, STREAM.fields ?? 0, index),
      name,
      fieldType,
      options,
      generated: false,
      orderNr: 100 + index,
      addTime: time,
      updateTime: time,
    };
  }
}
