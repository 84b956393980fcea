/**
 * The Pipedrive connection options shared by `check`, `discover` and `sync`,
 * and their translation into a ConnectorConfig.
 */
import { readFile } from 'node:fs/promises';
import type { ConnectorConfig } from '../connector/index.js';
import type { Logger } from '../observability/logger.js';
import { registerSecret } from '../observability/redaction.js';
import type { OptionSpec, ParsedOptions } from './command.js';
import { integerOption, UsageError } from './command.js';
import type { Env } from './credentials.js';
import {
  readSecret,
  readSecretFile,
  REJECTED_SECRET_OPTIONS,
  rejectSecretArguments,
  writeFileAtomically,
} from './credentials.js';

export const CONNECTION_OPTIONS: Record<string, OptionSpec> = {
  domain: {
    type: 'string',
    value: 'NAME',
    description:
      'Company domain, the <name> in https://<name>.pipedrive.com (or env PIPEDRIVE_COMPANY_DOMAIN).',
  },
  schema: { type: 'string', value: 'v1|v2', default: 'v2', description: 'Pipedrive API version to read.' },
  'api-url': {
    type: 'string',
    value: 'URL',
    description: 'Base URL of the API, e.g. a proxy or the simulator (default: the company domain).',
  },
  'max-daily-budget-percent': {
    type: 'string',
    value: 'N',
    description: "Share (1-100) of the company's daily API token budget this run may spend.",
  },
  'token-file': { type: 'string', value: 'FILE', description: 'File holding the API token.' },
  'client-id': { type: 'string', value: 'ID', description: 'OAuth client id (or env PIPEDRIVE_CLIENT_ID).' },
  'client-secret-file': {
    type: 'string',
    value: 'FILE',
    description: 'File holding the OAuth client secret.',
  },
  'refresh-token-file': {
    type: 'string',
    value: 'FILE',
    description: 'File holding the OAuth refresh token; rewritten atomically with every rotated token.',
  },
  'access-token-file': {
    type: 'string',
    value: 'FILE',
    description:
      'File holding an OAuth access token issued elsewhere (the operator); re-read once when the API answers 401. Never refreshed.',
  },
  'api-domain-file': {
    type: 'string',
    value: 'FILE',
    description:
      'File holding the api_domain issued with the access token (base URL unless --api-url is given).',
  },
  ...REJECTED_SECRET_OPTIONS,
};

export const CREDENTIALS_HELP = `Credentials (never given as arguments, which other users can see in 'ps'):
  API token:  env PIPEDRIVE_API_TOKEN, or --token-file FILE
  OAuth app:  env PIPEDRIVE_CLIENT_ID (or --client-id), PIPEDRIVE_CLIENT_SECRET (or --client-secret-file),
              PIPEDRIVE_REFRESH_TOKEN (or --refresh-token-file, kept up to date with rotated tokens)
  OAuth access token only (someone else refreshes it, e.g. the operator for sync Jobs):
              env PIPEDRIVE_ACCESS_TOKEN, or --access-token-file FILE (re-read after a 401)`;

function schemaOption(options: ParsedOptions): 'V1' | 'V2' {
  const raw = String(options.schema ?? 'v2').toLowerCase();
  if (raw !== 'v1' && raw !== 'v2') throw new UsageError(`--schema must be v1 or v2, got '${raw}'.`);
  return raw === 'v1' ? 'V1' : 'V2';
}

const stringOption = (options: ParsedOptions, name: string): string | undefined =>
  typeof options[name] === 'string' && options[name] !== '' ? options[name] : undefined;

/**
 * An access token someone else refreshes. From a file it is re-read after a
 * 401: the kubelet replaces a mounted Secret's files when the operator
 * renews the token. Undefined when none is given.
 */
async function accessTokenAuth(
  options: ParsedOptions,
  env: Env,
): Promise<ConnectorConfig['auth'] | undefined> {
  const accessToken = await readSecret(
    options,
    'access-token-file',
    env,
    'PIPEDRIVE_ACCESS_TOKEN',
    'access token',
  );
  if (!accessToken) return undefined;
  const file = stringOption(options, 'access-token-file');
  const domainFile = stringOption(options, 'api-domain-file');
  const apiDomain = domainFile ? await readApiDomain(domainFile) : undefined;
  return {
    scheme: 'OAuth',
    accessToken,
    ...(apiDomain ? { apiDomain } : {}),
    ...(file ? { reloadAccessToken: () => readSecretFile(file, 'access token') } : {}),
  };
}

async function readApiDomain(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `Cannot read the api domain file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`,
    );
  }
  const value = text.trim();
  if (value !== '' && !/^https?:\/\/[^\s/]+/i.test(value)) {
    throw new UsageError(`The api domain file ${path} does not hold a URL like https://acme.pipedrive.com.`);
  }
  return value || undefined;
}

async function authFrom(options: ParsedOptions, env: Env, logger: Logger): Promise<ConnectorConfig['auth']> {
  const apiToken = await readSecret(options, 'token-file', env, 'PIPEDRIVE_API_TOKEN', 'API token');
  if (apiToken) return { scheme: 'Basic', apiToken };
  const accessAuth = await accessTokenAuth(options, env);
  if (accessAuth) return accessAuth;
  const clientId = (
    typeof options['client-id'] === 'string' ? options['client-id'] : env.PIPEDRIVE_CLIENT_ID
  )?.trim();
  const clientSecret = await readSecret(
    options,
    'client-secret-file',
    env,
    'PIPEDRIVE_CLIENT_SECRET',
    'client secret',
  );
  const refreshToken = await readSecret(
    options,
    'refresh-token-file',
    env,
    'PIPEDRIVE_REFRESH_TOKEN',
    'refresh token',
  );
  if (!clientId || !clientSecret || !refreshToken) {
    throw new UsageError(
      'No Pipedrive credentials: set PIPEDRIVE_API_TOKEN (or --token-file), PIPEDRIVE_ACCESS_TOKEN (or --access-token-file), or all of PIPEDRIVE_CLIENT_ID, PIPEDRIVE_CLIENT_SECRET and PIPEDRIVE_REFRESH_TOKEN (or their file options).',
    );
  }
  const tokenFile =
    typeof options['refresh-token-file'] === 'string' ? options['refresh-token-file'] : undefined;
  let warned = false;
  return {
    scheme: 'OAuth',
    clientId,
    clientSecret,
    refreshToken,
    // Pipedrive may rotate the refresh token; the old one stops working, so it is saved before use.
    onTokens: async (tokens) => {
      registerSecret(tokens.refreshToken);
      registerSecret(tokens.accessToken);
      if (tokenFile) {
        await writeFileAtomically(tokenFile, `${tokens.refreshToken}\n`);
        logger.debug('Saved rotated refresh token', { file: tokenFile });
      } else if (!warned && tokens.refreshToken !== refreshToken) {
        warned = true;
        logger.warn(
          'Received a rotated refresh token that cannot be saved; use --refresh-token-file to keep it',
        );
      }
    },
  };
}

/** Builds the connector configuration from options and environment; throws UsageError on bad input. */
export async function connectorConfigFrom(
  options: ParsedOptions,
  env: Env,
  logger: Logger,
): Promise<ConnectorConfig> {
  rejectSecretArguments(options);
  const companyDomain = (
    typeof options.domain === 'string' ? options.domain : env.PIPEDRIVE_COMPANY_DOMAIN
  )?.trim();
  if (!companyDomain) throw new UsageError('Missing --domain (the <name> in https://<name>.pipedrive.com).');
  const budget = options['max-daily-budget-percent'];
  return {
    companyDomain,
    schema: schemaOption(options),
    apiUrl: typeof options['api-url'] === 'string' ? options['api-url'] : undefined,
    auth: await authFrom(options, env, logger),
    maxDailyBudgetPercent:
      budget === undefined ? undefined : integerOption(options, 'max-daily-budget-percent', 100, 1, 100),
    logger,
  };
}
