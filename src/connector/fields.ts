/**
 * Custom-field definitions from the *Fields endpoints, in one shape for v1
 * (`key`, `name`, `edit_flag`) and v2 (`field_code`, `field_name`,
 * `is_custom_field`). Leads carry the deal custom fields, so they share them.
 */
import type { ApiClient } from './api-client.js';
import type { SchemaVersion } from './catalog/index.js';
import type { Endpoint, FieldEntity } from './catalog/types.js';
import type { FieldDefinition } from './naming.js';
import { endpointPages } from './readers/pages.js';
import type { RawRow } from './readers/pages.js';

const V2_PATHS: Partial<Record<FieldEntity, string>> = {
  deal: '/dealFields',
  person: '/personFields',
  organization: '/organizationFields',
  product: '/productFields',
  activity: '/activityFields',
  project: '/projectFields',
};

const V1_PATHS: Partial<Record<FieldEntity, [string, Endpoint['paging']]>> = {
  deal: ['/dealFields', 'offset'],
  person: ['/personFields', 'offset'],
  organization: ['/organizationFields', 'offset'],
  product: ['/productFields', 'offset'],
  activity: ['/activityFields', 'none'],
};

export function fieldsEndpoint(schema: SchemaVersion, entity: FieldEntity): Endpoint | undefined {
  const source = entity === 'lead' ? 'deal' : entity;
  if (schema === 'V2') {
    const path = V2_PATHS[source];
    return path ? { version: 'v2', path, cost: 10, paging: 'cursor', maxLimit: 500 } : undefined;
  }
  const v1 = V1_PATHS[source];
  return v1 ? { version: 'v1', path: v1[0], cost: 20, paging: v1[1], maxLimit: 500 } : undefined;
}

function options(raw: unknown): FieldDefinition['options'] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((o): o is Record<string, unknown> => !!o && typeof o === 'object')
    .filter((o) => typeof o.id === 'number' || typeof o.id === 'string')
    .map((o) => ({
      id: o.id as number | string,
      label: typeof o.label === 'string' ? o.label : String(o.id),
    }));
}

/** One definition row of either version; rows without a key are ignored. */
export function toFieldDefinition(row: RawRow): FieldDefinition | undefined {
  const key = row.field_code ?? row.key;
  if (typeof key !== 'string' || key === '') return undefined;
  const name = row.field_name ?? row.name;
  const type = row.field_type;
  return {
    key,
    name: typeof name === 'string' ? name : key,
    type: typeof type === 'string' ? type : 'json',
    isCustom: row.is_custom_field === true || row.edit_flag === true,
    options: options(row.options),
  };
}

/** Definitions per entity, fetched once per discover and reused by every table that needs them. */
export class FieldDefinitions {
  private cache = new Map<FieldEntity, Promise<FieldDefinition[]>>();

  constructor(
    private readonly client: ApiClient,
    private readonly schema: SchemaVersion,
    private readonly pageSize: number,
  ) {}

  forget(): void {
    this.cache.clear();
  }

  get(entity: FieldEntity): Promise<FieldDefinition[]> {
    const source = entity === 'lead' ? 'deal' : entity;
    let pending = this.cache.get(source);
    if (!pending) {
      pending = this.fetch(source);
      this.cache.set(source, pending);
      pending.catch(() => this.cache.delete(source));
    }
    return pending;
  }

  private async fetch(entity: FieldEntity): Promise<FieldDefinition[]> {
    const endpoint = fieldsEndpoint(this.schema, entity);
    if (!endpoint) return [];
    const definitions: FieldDefinition[] = [];
    const call = { path: endpoint.path, table: `${entity} fields` };
    for await (const page of endpointPages(this.client, endpoint, call, this.pageSize)) {
      for (const row of page.rows) {
        const definition = toFieldDefinition(row);
        if (definition) definitions.push(definition);
      }
    }
    return definitions;
  }
}
