import type { z } from 'zod';
import { toStructuralSchema, type SchemaNode } from './crd-schema.js';
import { pipedriveConnectionSpecSchema, pipedriveConnectionStatusSchema } from './pipedrive-connection.js';
import { syncJobSpecSchema } from './sync-job-spec.js';
import { syncJobStatusSchema } from './sync-job-status.js';
import {
  CONNECTION_KIND,
  CONNECTION_PLURAL,
  GROUP,
  MAX_CONNECTION_NAME_LENGTH,
  MAX_SYNC_JOB_NAME_LENGTH,
  SYNC_JOB_KIND,
  SYNC_JOB_PLURAL,
  VERSION,
} from './well-known.js';

interface PrinterColumn {
  name: string;
  type: 'string' | 'boolean' | 'date' | 'integer';
  jsonPath: string;
  description?: string;
  priority?: number;
}

interface KindDefinition {
  kind: string;
  plural: string;
  shortName: string;
  description: string;
  spec: z.ZodType;
  status: z.ZodType;
  maxNameLength: number;
  nameLengthReason: string;
  columns: PrinterColumn[];
}

const ready = (field: string) => `.status.conditions[?(@.type=="Ready")].${field}`;

const KINDS: KindDefinition[] = [
  {
    kind: CONNECTION_KIND,
    plural: CONNECTION_PLURAL,
    shortName: 'pdconn',
    description:
      'A Pipedrive company and the credentials to read it; Ready once the credentials were checked.',
    spec: pipedriveConnectionSpecSchema,
    status: pipedriveConnectionStatusSchema,
    maxNameLength: MAX_CONNECTION_NAME_LENGTH,
    nameLengthReason: 'it is used as a label value',
    columns: [
      { name: 'Domain', type: 'string', jsonPath: '.spec.companyDomain' },
      { name: 'Schema', type: 'string', jsonPath: '.spec.schema' },
      { name: 'Auth', type: 'string', jsonPath: '.spec.auth.scheme' },
      { name: 'Ready', type: 'string', jsonPath: ready('status') },
      { name: 'Reason', type: 'string', jsonPath: ready('reason') },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      { name: 'Message', type: 'string', jsonPath: ready('message'), priority: 1 },
    ],
  },
  {
    kind: SYNC_JOB_KIND,
    plural: SYNC_JOB_PLURAL,
    shortName: 'pdsync',
    description:
      'Copies tables of a PipedriveConnection into a database, on a schedule or once per spec change.',
    spec: syncJobSpecSchema,
    status: syncJobStatusSchema,
    maxNameLength: MAX_SYNC_JOB_NAME_LENGTH,
    nameLengthReason: 'Job names <name>-<8 digits> must fit in 63 characters',
    columns: [
      { name: 'Connection', type: 'string', jsonPath: '.spec.connectionRef.name' },
      { name: 'Schedule', type: 'string', jsonPath: '.spec.schedule' },
      { name: 'Suspend', type: 'boolean', jsonPath: '.spec.suspend' },
      { name: 'Ready', type: 'string', jsonPath: ready('status') },
      { name: 'Last Success', type: 'date', jsonPath: '.status.lastSuccessfulTime' },
      { name: 'Rows', type: 'integer', jsonPath: '.status.lastRun.rowsSynced' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      { name: 'Reason', type: 'string', jsonPath: ready('reason'), priority: 1 },
      { name: 'Message', type: 'string', jsonPath: ready('message'), priority: 1 },
    ],
  },
];

function rootSchema(def: KindDefinition): SchemaNode {
  return {
    type: 'object',
    description: def.description,
    properties: {
      apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this object.' },
      kind: { type: 'string', description: 'Kind is the type of this object.' },
      metadata: { type: 'object' },
      spec: toStructuralSchema(def.spec),
      status: toStructuralSchema(def.status),
    },
    required: ['spec'],
    'x-kubernetes-validations': [
      {
        rule: `size(self.metadata.name) <= ${def.maxNameLength}`,
        message: `metadata.name must be at most ${def.maxNameLength} characters because ${def.nameLengthReason}`,
      },
    ],
  };
}

/** The CustomResourceDefinition objects, in the order they are written. */
export function customResourceDefinitions(): Record<string, unknown>[] {
  return KINDS.map((def) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${def.plural}.${GROUP}`,
      labels: { 'app.kubernetes.io/part-of': 'pipedrive-sync-operator' },
    },
    spec: {
      group: GROUP,
      names: {
        kind: def.kind,
        listKind: `${def.kind}List`,
        plural: def.plural,
        singular: def.kind.toLowerCase(),
        shortNames: [def.shortName],
        categories: ['pipedrive'],
      },
      scope: 'Namespaced',
      versions: [
        {
          name: VERSION,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: rootSchema(def) },
          subresources: { status: {} },
          additionalPrinterColumns: def.columns,
        },
      ],
    },
  }));
}
