import { generateActivity } from '../entities/activities.js';
import { generateDeal } from '../entities/deals.js';
import { generateOrganization } from '../entities/organizations.js';
import { generatePerson } from '../entities/persons.js';
import { generatePipeline, generateStage } from '../entities/pipelines.js';
import { generateProduct } from '../entities/products.js';
import { generateUser } from '../entities/users.js';
import type { FieldEntity } from '../fields/custom-field.js';
import type { GenContext } from './context.js';
import type { SimRecord } from './record.js';

export interface EntitySpec {
  generate(ctx: GenContext, id: number): SimRecord;
  /** Entity whose custom fields the records carry. */
  fields?: FieldEntity;
  /** Removing deletes for good instead of flagging (notes, leads: no 30-day window). */
  hardDelete?: boolean;
}

/** Generated entities, by the name used in the world API and in scale counts. */
export const ENTITIES: Record<string, EntitySpec> = {
  deals: { generate: generateDeal, fields: 'deal' },
  persons: { generate: generatePerson, fields: 'person' },
  organizations: { generate: generateOrganization, fields: 'organization' },
  activities: { generate: generateActivity, fields: 'activity' },
  products: { generate: generateProduct, fields: 'product' },
  users: { generate: generateUser },
  pipelines: { generate: generatePipeline },
  stages: { generate: generateStage },
};
