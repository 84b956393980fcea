import { z } from 'zod';
import { objectName } from './references.js';
import { withRules } from './validation-rules.js';

// The pattern Kubernetes' own CRDs use for resource.Quantity.
const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

/** A resource quantity (`100m`, `256Mi`, `2`), as Kubernetes accepts it: a string or an integer. */
const quantitySchema = z
  .union([z.int().min(0), z.string().max(64).regex(new RegExp(QUANTITY_PATTERN))])
  .meta({ 'x-kubernetes-int-or-string': true })
  .describe('A resource quantity such as 100m, 256Mi or 2.');

const resourceListSchema = z.record(z.string().max(253), quantitySchema).meta({ maxProperties: 16 });

const resourcesSchema = z
  .object({
    requests: resourceListSchema
      .optional()
      .describe('Minimum resources the pod is scheduled with (cpu, memory).'),
    limits: resourceListSchema.optional().describe('Maximum resources the container may use.'),
  })
  .describe(
    'Compute resources of the sync container. Default: requests cpu 100m, memory 256Mi; limits memory 512Mi.',
  );

const tolerationSchema = z
  .object({
    key: z
      .string()
      .max(316)
      .optional()
      .describe('Taint key the toleration applies to; empty with operator Exists means all.'),
    operator: z.enum(['Exists', 'Equal']).optional().describe('Exists or Equal (default Equal).'),
    value: z.string().max(63).optional().describe('Taint value the toleration matches.'),
    effect: z
      .enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute'])
      .optional()
      .describe('Taint effect to match; empty means all effects.'),
    tolerationSeconds: z
      .int()
      .optional()
      .describe('For NoExecute: how long the pod stays bound after the taint.'),
  })
  .describe('A pod toleration, as in a Pod spec.');

const reservedPrefixes = ['pipedrive.sync.dev/', 'app.kubernetes.io/'];
function withoutReservedKeys(what: string) {
  return withRules(
    z
      .record(z.string().max(317), z.string().max(4096))
      .meta({ maxProperties: 64 })
      .describe(
        `Extra ${what} for the sync pod. Keys under pipedrive.sync.dev/ and app.kubernetes.io/ are reserved.`,
      ),
    [
      {
        rule: "self.all(k, !k.startsWith('pipedrive.sync.dev/') && !k.startsWith('app.kubernetes.io/'))",
        message: `pod ${what} must not use the reserved prefixes pipedrive.sync.dev/ and app.kubernetes.io/`,
        holds: (m) => Object.keys(m).every((k) => !reservedPrefixes.some((p) => k.startsWith(p))),
      },
    ],
  ).optional();
}

/** The parts of a Job a user may tune; everything else (security, credentials, args) is the operator's. */
export const jobTemplateSpecSchema = z
  .object({
    image: z
      .string()
      .max(512)
      .optional()
      .describe("Container image running the sync. Default: the operator's own image."),
    resources: resourcesSchema.optional(),
    nodeSelector: z
      .record(z.string().max(317), z.string().max(63))
      .meta({ maxProperties: 32 })
      .optional()
      .describe('Node labels the sync pod must be scheduled on.'),
    tolerations: z.array(tolerationSchema).max(32).optional().describe('Tolerations of the sync pod.'),
    affinity: z
      .record(z.string(), z.unknown())
      .meta({ 'x-kubernetes-preserve-unknown-fields': true })
      .optional()
      .describe('Affinity of the sync pod, as in a Pod spec (nodeAffinity, podAffinity, podAntiAffinity).'),
    serviceAccountName: objectName(
      'ServiceAccount the sync pod runs as; its token is not mounted. Default: the namespace default ServiceAccount.',
    ).optional(),
    activeDeadlineSeconds: z
      .int()
      .min(1)
      .default(14400)
      .describe('Seconds a run may take, retries included, before Kubernetes stops it. Default 14400 (4h).'),
    backoffLimit: z
      .int()
      .min(0)
      .max(10)
      .default(2)
      .describe(
        'Retries of a failed run (transient failures only; configuration errors are not retried). Default 2.',
      ),
    podLabels: withoutReservedKeys('labels'),
    podAnnotations: withoutReservedKeys('annotations'),
  })
  .describe('Settings of the Jobs that run the sync.');
export type JobTemplateSpec = z.infer<typeof jobTemplateSpecSchema>;
