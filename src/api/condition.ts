import { z } from 'zod';
import { timestampSchema } from './references.js';

/** Summary condition on both kinds: True when the object does what its spec asks. */
export const READY = 'Ready';
/** Abnormal-true (kstatus): True only when a human must act before anything can progress. */
export const STALLED = 'Stalled';
/** Abnormal-true (kstatus): True while the operator is still working towards Ready. */
export const RECONCILING = 'Reconciling';

export const CONDITION_STATUSES = ['True', 'False', 'Unknown'] as const;
export type ConditionStatus = (typeof CONDITION_STATUSES)[number];

/** A `metav1.Condition`, with the same validation as Kubernetes' own types. */
export const conditionSchema = z
  .object({
    type: z
      .string()
      .min(1)
      .max(316)
      .regex(
        /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/,
      )
      .describe('Type of condition in CamelCase: Ready, Stalled or Reconciling.'),
    status: z.enum(CONDITION_STATUSES).describe('Status of the condition: True, False or Unknown.'),
    observedGeneration: z
      .int()
      .min(0)
      .optional()
      .describe('The .metadata.generation the condition was computed from.'),
    lastTransitionTime: timestampSchema.describe(
      'When the condition last changed from one status to another.',
    ),
    reason: z
      .string()
      .min(1)
      .max(1024)
      .regex(/^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$/)
      .describe('Programmatic identifier, in CamelCase, for the condition last transition.'),
    message: z.string().max(32768).describe('Human-readable details about the transition.'),
  })
  .describe('Condition of the object, following the Kubernetes metav1.Condition conventions.');
export type Condition = z.infer<typeof conditionSchema>;

/** Conditions are a list keyed by type so server-side apply merges them per type. */
export const conditionListSchema = z
  .array(conditionSchema)
  .max(8)
  .meta({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'] })
  .describe('Latest observations of the object state: Ready, plus Stalled when a human must act.');
