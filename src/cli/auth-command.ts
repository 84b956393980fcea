/**
 * `pipedrive-sync auth login`: our "Connect to Pipedrive" button. It runs the
 * OAuth authorization-code flow against a local redirect and writes the
 * resulting refresh token as a Kubernetes Secret manifest (or env lines).
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { EXIT_OK } from '../sync/errors.js';
import type { Command, ParsedOptions } from './command.js';
import { integerOption, UsageError } from './command.js';
import { readSecret, REJECTED_SECRET_OPTIONS, rejectSecretArguments } from './credentials.js';
import { loginWithOAuth } from './oauth-login.js';
import { envLines, secretManifest } from './secret-manifest.js';

const DEFAULT_PORT = 8976;

/** Best effort: a missing xdg-open only means the person opens the printed URL by hand. */
function openInBrowser(url: string): void {
  try {
    const child = spawn('xdg-open', [url], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The URL is printed anyway.
  }
}

async function login(options: ParsedOptions): Promise<number> {
  rejectSecretArguments(options);
  const clientId = (
    typeof options['client-id'] === 'string' ? options['client-id'] : process.env.PIPEDRIVE_CLIENT_ID
  )?.trim();
  if (!clientId) throw new UsageError('Missing the OAuth client id: set --client-id or PIPEDRIVE_CLIENT_ID.');
  const clientSecret = await readSecret(
    options,
    'client-secret-file',
    process.env,
    'PIPEDRIVE_CLIENT_SECRET',
    'client secret',
  );
  if (!clientSecret)
    throw new UsageError(
      'Missing the OAuth client secret: set PIPEDRIVE_CLIENT_SECRET or --client-secret-file.',
    );
  const format = String(options.format ?? 'secret');
  if (format !== 'secret' && format !== 'env')
    throw new UsageError(`--format must be secret or env, got '${format}'.`);
  const oauthUrl = String(options['oauth-url'] ?? 'https://oauth.pipedrive.com');
  const port = integerOption(options, 'port', DEFAULT_PORT, 0, 65535);
  const timeoutMs = integerOption(options, 'timeout', 300, 1, 3600) * 1000;

  const tokens = await loginWithOAuth({
    oauthUrl,
    clientId,
    clientSecret,
    port,
    timeoutMs,
    onAuthorizeUrl: (url) => {
      process.stderr.write(
        `Open this URL in a browser and approve access:\n\n  ${url}\n\nWaiting for the redirect on ${new URL(url).searchParams.get('redirect_uri')} ...\n`,
      );
      if (options.open) openInBrowser(url);
    },
  });
  const credentials = {
    clientId,
    clientSecret,
    refreshToken: tokens.refreshToken,
    apiDomain: tokens.apiDomain,
  };
  const name = String(options['secret-name'] ?? 'pipedrive-oauth');
  const namespace = typeof options.namespace === 'string' ? options.namespace : undefined;
  const text = format === 'env' ? envLines(credentials) : secretManifest(credentials, name, namespace);
  if (typeof options.output === 'string') {
    await writeFile(options.output, text, { mode: 0o600 });
    process.stderr.write(
      `Connected${tokens.apiDomain ? ` to ${tokens.apiDomain}` : ''}; wrote the credentials to ${options.output}.\n`,
    );
  } else {
    process.stderr.write(`Connected${tokens.apiDomain ? ` to ${tokens.apiDomain}` : ''}.\n`);
    process.stdout.write(text);
  }
  return EXIT_OK;
}

export const authCommand: Command = {
  name: 'auth',
  summary: 'Connect a Pipedrive account through OAuth (auth login) and save the tokens.',
  usage:
    'pipedrive-sync auth login [--client-id ID] [--port N] [--open] [--output FILE] [--format secret|env]',
  options: {
    'client-id': {
      type: 'string',
      value: 'ID',
      description: 'OAuth client id of your Pipedrive app (or env PIPEDRIVE_CLIENT_ID).',
    },
    'client-secret-file': {
      type: 'string',
      value: 'FILE',
      description: 'File holding the client secret (or env PIPEDRIVE_CLIENT_SECRET).',
    },
    'oauth-url': {
      type: 'string',
      value: 'URL',
      description: 'OAuth server (the simulator: its URL).',
      default: 'https://oauth.pipedrive.com',
    },
    port: {
      type: 'string',
      value: 'N',
      description: 'Local port of the redirect http://127.0.0.1:N/callback (0: any free port).',
      default: String(DEFAULT_PORT),
    },
    open: { type: 'boolean', description: 'Also try to open the URL with xdg-open.' },
    output: {
      type: 'string',
      value: 'FILE',
      description: 'Write the credentials to FILE (mode 600) instead of stdout.',
    },
    format: {
      type: 'string',
      value: 'secret|env',
      description: 'A Kubernetes Secret manifest or shell env lines.',
      default: 'secret',
    },
    'secret-name': {
      type: 'string',
      value: 'NAME',
      description: 'metadata.name of the Secret.',
      default: 'pipedrive-oauth',
    },
    namespace: { type: 'string', value: 'NS', description: 'metadata.namespace of the Secret.' },
    timeout: {
      type: 'string',
      value: 'SECONDS',
      description: 'How long to wait for the redirect.',
      default: '300',
    },
    ...REJECTED_SECRET_OPTIONS,
  },
  details: `Register http://127.0.0.1:PORT/callback as the redirect URI of your app in Pipedrive's Developer Hub.

Example:
  PIPEDRIVE_CLIENT_SECRET=... pipedrive-sync auth login --client-id abc123 --open > pipedrive-oauth.yaml
  kubectl apply -n sales-data -f pipedrive-oauth.yaml`,
  run: async (options, positionals) => {
    const [sub, ...extra] = positionals;
    if (sub !== 'login' || extra.length > 0) {
      throw new UsageError(`Unknown auth subcommand '${positionals.join(' ')}'; the only one is 'login'.`);
    }
    return login(options);
  },
};
