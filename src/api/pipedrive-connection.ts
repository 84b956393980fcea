import { z } from 'zod';
import { conditionListSchema } from './condition.js';
import { parseDuration } from './duration.js';
import { objectMetaSchema } from './object-meta.js';
import {
  DNS_LABEL_PATTERN,
  DURATION_PATTERN,
  secretKeySelectorSchema,
  timestampSchema,
} from './references.js';
import { withRules } from './validation-rules.js';

export const AUTH_SCHEMES = ['Basic', 'OAuth'] as const;
export const API_SCHEMAS = ['V1', 'V2'] as const;

const oauthSchema = z
  .object({
    clientIdSecretRef: secretKeySelectorSchema.describe('Secret key holding the OAuth app client id.'),
    clientSecretSecretRef: secretKeySelectorSchema.describe(
      'Secret key holding the OAuth app client secret.',
    ),
    refreshTokenSecretRef: secretKeySelectorSchema.describe(
      'Secret key holding the initial refresh token. Rotated tokens are kept in a Secret the operator owns, so this one is read only until the first rotation.',
    ),
  })
  .describe('OAuth 2.0 app credentials, used when scheme is OAuth.');

const authSchema = withRules(
  z
    .object({
      scheme: z
        .enum(AUTH_SCHEMES)
        .default('Basic')
        .describe(
          'How to authenticate: Basic (a personal API token) or OAuth (an OAuth app with a refresh token).',
        ),
      apiTokenSecretRef: secretKeySelectorSchema
        .optional()
        .describe(
          'Secret key holding the API token (Pipedrive: Personal preferences > API). Required when scheme is Basic.',
        ),
      oauth: oauthSchema.optional(),
    })
    .describe('Credentials for the Pipedrive API, always read from Secrets in the same namespace.'),
  [
    {
      rule: "self.scheme != 'Basic' || has(self.apiTokenSecretRef)",
      message: 'auth.apiTokenSecretRef is required when auth.scheme is Basic',
      fieldPath: '.apiTokenSecretRef',
      reason: 'FieldValueRequired',
      holds: (a) => a.scheme !== 'Basic' || a.apiTokenSecretRef !== undefined,
    },
    {
      rule: "self.scheme != 'Basic' || !has(self.oauth)",
      message: 'auth.oauth must not be set when auth.scheme is Basic',
      fieldPath: '.oauth',
      reason: 'FieldValueForbidden',
      holds: (a) => a.scheme !== 'Basic' || a.oauth === undefined,
    },
    {
      rule: "self.scheme != 'OAuth' || has(self.oauth)",
      message: 'auth.oauth is required when auth.scheme is OAuth',
      fieldPath: '.oauth',
      reason: 'FieldValueRequired',
      holds: (a) => a.scheme !== 'OAuth' || a.oauth !== undefined,
    },
    {
      rule: "self.scheme != 'OAuth' || !has(self.apiTokenSecretRef)",
      message: 'auth.apiTokenSecretRef must not be set when auth.scheme is OAuth',
      fieldPath: '.apiTokenSecretRef',
      reason: 'FieldValueForbidden',
      holds: (a) => a.scheme !== 'OAuth' || a.apiTokenSecretRef === undefined,
    },
  ],
);

const rateLimitSchema = z
  .object({
    maxDailyBudgetPercent: z
      .int()
      .min(1)
      .max(100)
      .default(80)
      .describe(
        "Share (1-100) of the company's daily API token budget that syncs through this connection may spend; the rest stays for the company's other integrations. Default 80.",
      ),
  })
  .describe('Limits on API usage.');

/** The pattern check reports malformed durations; this rule only judges well-formed ones. */
function safeDurationMs(text: string): number {
  try {
    return parseDuration(text);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export const pipedriveConnectionSpecSchema = z
  .object({
    companyDomain: withRules(
      z
        .string()
        .min(1)
        .max(63)
        .regex(new RegExp(DNS_LABEL_PATTERN))
        .describe('Pipedrive company subdomain: the <x> in https://<x>.pipedrive.com (lowercase, no dots).'),
      [
        {
          rule: "!self.contains('.')",
          message: 'companyDomain is only the subdomain: use acme for https://acme.pipedrive.com',
          holds: (d) => !d.includes('.'),
        },
      ],
    ),
    schema: z
      .enum(API_SCHEMAS)
      .default('V2')
      .describe('Pipedrive API generation to read: V2 (default, cheaper in tokens) or V1 (older endpoints).'),
    auth: authSchema,
    apiUrl: z
      .string()
      .max(2048)
      .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/)
      .optional()
      .describe(
        'Overrides the API base URL (a proxy or the bundled simulator). Default: https://<companyDomain>.pipedrive.com.',
      ),
    revalidateInterval: withRules(
      z
        .string()
        .max(32)
        .regex(new RegExp(DURATION_PATTERN))
        .default('1h')
        .describe(
          'How often the credentials are checked again while nothing changes (Go duration, at least 1m). Default 1h.',
        ),
      [
        {
          rule: "duration(self) >= duration('1m')",
          message: 'revalidateInterval must be at least 1m',
          holds: (d) => safeDurationMs(d) >= 60_000,
        },
      ],
    ),
    rateLimit: rateLimitSchema.default({ maxDailyBudgetPercent: 80 }),
  })
  .describe('Where and how to reach one Pipedrive company.');
export type PipedriveConnectionSpec = z.infer<typeof pipedriveConnectionSpecSchema>;

export const pipedriveConnectionStatusSchema = z
  .object({
    observedGeneration: z.int().min(0).optional().describe('The .metadata.generation this status describes.'),
    conditions: conditionListSchema.optional(),
    lastValidatedTime: timestampSchema
      .optional()
      .describe('When the credentials were last checked successfully.'),
    account: z
      .object({
        companyId: z.int().optional().describe('Pipedrive company id.'),
        companyName: z.string().max(256).optional().describe('Company name.'),
        companyDomain: z.string().max(253).optional().describe('Company subdomain reported by Pipedrive.'),
        userId: z.int().optional().describe('Id of the user the credentials belong to.'),
        userName: z.string().max(256).optional().describe('Name of that user.'),
        userEmail: z.string().max(320).optional().describe('Email of that user.'),
      })
      .optional()
      .describe('The account the credentials authenticate as.'),
    rateLimit: z
      .object({
        dailyTokenLimit: z.int().min(0).optional().describe("The company's daily API token budget."),
        dailyTokensRemaining: z.int().min(0).optional().describe('Tokens left in the current day.'),
        observedTime: timestampSchema.optional().describe('When these numbers were read.'),
      })
      .optional()
      .describe('Last seen API token budget.'),
    tokenSecretName: z
      .string()
      .max(253)
      .optional()
      .describe('OAuth only: the operator-owned Secret holding the latest rotated refresh token.'),
  })
  .describe('Observed state of the connection.');
export type PipedriveConnectionStatus = z.infer<typeof pipedriveConnectionStatusSchema>;

export const pipedriveConnectionSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: objectMetaSchema,
  spec: pipedriveConnectionSpecSchema,
  status: pipedriveConnectionStatusSchema.optional(),
});
export type PipedriveConnection = z.infer<typeof pipedriveConnectionSchema>;
