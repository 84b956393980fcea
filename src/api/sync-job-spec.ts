import { z } from 'zod';
import { TABLE_NAMES } from '../connector/index.js';
import { jobTemplateSpecSchema } from './job-template-spec.js';
import { objectName, secretKeySelectorSchema } from './references.js';
import { withRules } from './validation-rules.js';

export const SYNC_MODES = ['Incremental', 'Full'] as const;
export const DESTINATION_TYPES = ['postgres', 'mysql', 'sqlite'] as const;
export const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'] as const;
export const CUSTOM_FIELD_NAMINGS = ['name', 'key'] as const;
export type SyncModeName = (typeof SYNC_MODES)[number];
export type ConcurrencyPolicy = (typeof CONCURRENCY_POLICIES)[number];
export type DestinationType = (typeof DESTINATION_TYPES)[number];

/** Cron descriptors cron-parser and CronJob both understand. */
export const SCHEDULE_DESCRIPTORS = [
  'yearly',
  'annually',
  'monthly',
  'weekly',
  'daily',
  'midnight',
  'hourly',
];
const CRON_FIELD = '[-0-9A-Za-z*/,?#]+';
/** Five space-separated fields or an @descriptor; the controller parses the rest (reason InvalidSchedule). */
export const SCHEDULE_PATTERN = `^(@(${SCHEDULE_DESCRIPTORS.join('|')})|${CRON_FIELD}( +${CRON_FIELD}){4})$`;

const tableNameSchema = z.enum(TABLE_NAMES as [string, ...string[]]).describe('A table of the catalog.');

const sqliteSchema = z
  .object({
    persistentVolumeClaim: z
      .object({ claimName: objectName('Name of the PersistentVolumeClaim holding the database file.') })
      .describe('The volume the SQLite database file lives on.'),
    path: withRules(
      z
        .string()
        .min(1)
        .max(253)
        .regex(/^[A-Za-z0-9_][-A-Za-z0-9_./]*$/)
        .default('pipedrive.db')
        .describe('Path of the database file inside the volume, relative to its root. Default pipedrive.db.'),
      [
        {
          rule: "!self.contains('..')",
          message: 'destination.sqlite.path must stay inside the volume (no ..)',
          holds: (p) => !p.includes('..'),
        },
      ],
    ),
  })
  .describe('SQLite database file on a PersistentVolumeClaim; used when type is sqlite.');

type Destination = { type: DestinationType; urlSecretRef?: unknown; sqlite?: unknown };
const destinationSchema = withRules(
  z
    .object({
      type: z
        .enum(DESTINATION_TYPES)
        .describe('Database engine: postgres, mysql (MySQL or MariaDB) or sqlite.'),
      urlSecretRef: secretKeySelectorSchema
        .optional()
        .describe(
          'Secret key holding the connection URL (postgres://user:pass@host:5432/db?schema=pipedrive or mysql://user:pass@host:3306/db). Required for postgres and mysql.',
        ),
      sqlite: sqliteSchema.optional(),
      tablePrefix: z
        .string()
        .max(32)
        .regex(/^([a-z_][a-z0-9_]*)?$/)
        .default('')
        .describe('Prefix for every table name written (lowercase letters, digits, _). Default empty.'),
    })
    .describe('Where the rows are written.'),
  [
    {
      rule: "self.type == 'sqlite' || has(self.urlSecretRef)",
      message: 'destination.urlSecretRef is required when destination.type is postgres or mysql',
      fieldPath: '.urlSecretRef',
      reason: 'FieldValueRequired',
      holds: (d: Destination) => d.type === 'sqlite' || d.urlSecretRef !== undefined,
    },
    {
      rule: "self.type == 'sqlite' || !has(self.sqlite)",
      message: 'destination.sqlite must only be set when destination.type is sqlite',
      fieldPath: '.sqlite',
      reason: 'FieldValueForbidden',
      holds: (d: Destination) => d.type === 'sqlite' || d.sqlite === undefined,
    },
    {
      rule: "self.type != 'sqlite' || has(self.sqlite)",
      message: 'destination.sqlite is required when destination.type is sqlite',
      fieldPath: '.sqlite',
      reason: 'FieldValueRequired',
      holds: (d: Destination) => d.type !== 'sqlite' || d.sqlite !== undefined,
    },
    {
      rule: "self.type != 'sqlite' || !has(self.urlSecretRef)",
      message: 'destination.urlSecretRef must not be set when destination.type is sqlite',
      fieldPath: '.urlSecretRef',
      reason: 'FieldValueForbidden',
      holds: (d: Destination) => d.type !== 'sqlite' || d.urlSecretRef === undefined,
    },
  ],
);

const scheduleSchema = withRules(
  z
    .string()
    .min(1)
    .max(100)
    .describe(
      'Cron schedule (5 fields, or @hourly, @daily, @weekly, @monthly, @yearly), evaluated in timeZone. Omit to run once per spec change.',
    ),
  [
    {
      rule: "!self.contains('TZ=')",
      message: 'schedule must not contain TZ=; set spec.timeZone instead',
      holds: (s) => !s.includes('TZ='),
    },
    {
      rule: `self.matches('${SCHEDULE_PATTERN}')`,
      message:
        'schedule must be 5 cron fields separated by spaces (e.g. "*/30 * * * *") or one of @hourly, @daily, @weekly, @monthly, @yearly',
      holds: (s) => new RegExp(SCHEDULE_PATTERN).test(s),
    },
  ],
);

export const syncJobSpecSchema = withRules(
  z
    .object({
      connectionRef: withRules(
        z
          .object({ name: objectName('Name of the PipedriveConnection.') })
          .describe('The PipedriveConnection, in the same namespace, to read from. Immutable.'),
        [{ rule: 'self == oldSelf', message: 'connectionRef is immutable; create a new SyncJob instead' }],
      ),
      tables: withRules(
        z
          .array(tableNameSchema)
          .min(1)
          .max(TABLE_NAMES.length)
          .meta({ 'x-kubernetes-list-type': 'set' })
          .describe(
            'Tables to sync, each a catalog table name such as deals or persons. Omit to sync every table (tables added to the catalog later included).',
          ),
        [
          {
            rule: 'self.all(t, self.exists_one(u, u == t))',
            message: 'tables must not list a table twice',
            holds: (t) => new Set(t).size === t.length,
          },
        ],
      ).optional(),
      mode: z
        .enum(SYNC_MODES)
        .default('Incremental')
        .describe(
          'Incremental (default: only what changed since the last bookmark) or Full (read everything every run).',
        ),
      destination: destinationSchema,
      schedule: scheduleSchema.optional(),
      timeZone: z
        .string()
        .min(1)
        .max(64)
        .regex(/^[A-Za-z][-A-Za-z0-9_+]*(\/[-A-Za-z0-9_+]+)*$/)
        .optional()
        .describe('IANA time zone the schedule is evaluated in, such as Europe/Berlin. Default: UTC.'),
      suspend: z
        .boolean()
        .default(false)
        .describe(
          'Stops new runs (running ones continue); missed runs may start on resume within startingDeadlineSeconds. Default false.',
        ),
      concurrencyPolicy: z
        .enum(CONCURRENCY_POLICIES)
        .default('Forbid')
        .describe(
          'What to do when a run is due while one is still active: Forbid (default: skip it), Replace (stop the active one) or Allow (run both).',
        ),
      startingDeadlineSeconds: z
        .int()
        .min(10)
        .optional()
        .describe(
          'A scheduled run that cannot start within this many seconds of its time is skipped. Default: no deadline.',
        ),
      successfulJobsHistoryLimit: z
        .int()
        .min(0)
        .max(100)
        .default(3)
        .describe('Finished successful Jobs to keep. Default 3.'),
      failedJobsHistoryLimit: z.int().min(0).max(100).default(1).describe('Failed Jobs to keep. Default 1.'),
      customFieldNaming: z
        .enum(CUSTOM_FIELD_NAMINGS)
        .default('name')
        .describe(
          'Column names for custom fields: name (default, from the field name) or key (the stable field key).',
        ),
      jobTemplate: jobTemplateSpecSchema.default({ activeDeadlineSeconds: 14400, backoffLimit: 2 }),
    })
    .describe('What to sync, where to, and when.'),
  [
    {
      rule: '!has(self.timeZone) || has(self.schedule)',
      message: 'timeZone only applies to a schedule; set spec.schedule or remove spec.timeZone',
      fieldPath: '.timeZone',
      reason: 'FieldValueForbidden',
      holds: (s) => s.timeZone === undefined || s.schedule !== undefined,
    },
  ],
);
export type SyncJobSpec = z.infer<typeof syncJobSpecSchema>;
