import { generateActivity } from '../entities/activities.js';
import { generateDeal } from '../entities/deals.js';
import { generateOrganization } from '../entities/organizations.js';
import { generatePerson } from '../entities/persons.js';
import { generatePipeline, generateStage } from '../entities/pipelines.js';
import { generateProduct } from '../entities/products.js';
import { generateUser } from '../entities/users.js';
import { generateCallLog, generateMailThread } from '../entities/communication.js';
import { generateLead } from '../entities/leads.js';
import { generateFile, generateNote } from '../entities/notes-files.js';
import { generateProject, generateTask } from '../entities/projects.js';
import {
  generateFilter,
  generateGoal,
  generateLeadLabel,
  generateOrgRelationship,
  generateRole,
} from '../entities/settings.js';
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
  notes: { generate: generateNote, hardDelete: true },
  files: { generate: generateFile },
  leads: { generate: generateLead, fields: 'deal', hardDelete: true },
  leadLabels: { generate: generateLeadLabel },
  callLogs: { generate: generateCallLog },
  mailThreads: { generate: generateMailThread },
  projects: { generate: generateProject, fields: 'project' },
  tasks: { generate: generateTask },
  filters: { generate: generateFilter },
  goals: { generate: generateGoal },
  roles: { generate: generateRole },
  organizationRelationships: { generate: generateOrgRelationship },
};
