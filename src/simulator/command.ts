import type { Command, ParsedOptions } from '../cli/command.js';
import { integerOption, stringOption, UsageError } from '../cli/command.js';
import { parseFaults } from './http/faults.js';
import { startSimulator } from './index.js';
import type { SimulatorOptions } from './options.js';
import { parseScale } from './world/scale.js';

function optionsFrom(options: ParsedOptions): SimulatorOptions {
  const scaleText = stringOption(options, 'scale');
  const faultsText = stringOption(options, 'faults');
  try {
    return {
      port: integerOption(options, 'port', 8787, 0, 65535),
      host: stringOption(options, 'host') ?? '127.0.0.1',
      seed: integerOption(options, 'seed', 1),
      scale: scaleText ? parseScale(scaleText) : undefined,
      faults: faultsText ? parseFaults(faultsText) : undefined,
      token: stringOption(options, 'token'),
      companyDomain: stringOption(options, 'company-domain'),
      oauth: options.oauth ? { rotateRefreshTokens: options['rotate-refresh-tokens'] === true } : undefined,
      latencyMs: integerOption(options, 'latency', 0),
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}

export const simulatorCommand: Command = {
  name: 'simulator',
  summary: 'Run the Pipedrive API simulator (try and test without a Pipedrive account).',
  usage:
    'pipedrive-sync simulator [--host H] [--port P] [--seed S] [--scale N|entity=N,...] [--faults spec] [--token T] [--oauth]',
  options: {
    host: {
      type: 'string',
      value: 'H',
      description: 'Interface to listen on; 0.0.0.0 to serve other hosts (e.g. in a cluster).',
      default: '127.0.0.1',
    },
    port: {
      type: 'string',
      value: 'P',
      description: 'Port to listen on, 0 for any free port.',
      default: '8787',
    },
    seed: {
      type: 'string',
      value: 'S',
      description: 'Seed of the generated company (same seed, same data).',
      default: '1',
    },
    scale: {
      type: 'string',
      value: 'N',
      description: 'Number of deals (others proportional), or entity=N,... per entity.',
    },
    faults: {
      type: 'string',
      value: 'SPEC',
      description: 'Fault rates, e.g. 429=0.02,500=0.01,reset=0.01,truncate=0.01,timeout=0.005.',
    },
    token: {
      type: 'string',
      value: 'T',
      description: 'API token to accept (default derived from the seed).',
    },
    'company-domain': {
      type: 'string',
      value: 'NAME',
      description: 'Company domain reported by /v1/users/me.',
    },
    oauth: { type: 'boolean', description: 'Enable the OAuth server and print client credentials.' },
    'rotate-refresh-tokens': { type: 'boolean', description: 'Issue a new refresh token on every refresh.' },
    latency: { type: 'string', value: 'MS', description: 'Delay added to every response.', default: '0' },
  },
  details: [
    'Fault kinds: 429, 500, 502, 503, 504, reset, slow, timeout, truncate; prefix /path: for one endpoint,',
    'e.g. /api/v2/deals:500=0.1. The simulator runs until interrupted (Ctrl-C).',
  ].join('\n'),
  async run(options) {
    const sim = await startSimulator(optionsFrom(options));
    const lines = [
      `Pipedrive simulator listening on ${sim.url}`,
      `  v1: ${sim.url}/api/v1 (also ${sim.url}/v1)   v2: ${sim.url}/api/v2`,
      `  API token: ${sim.token}   company domain: ${sim.companyDomain}`,
    ];
    if (sim.oauth) {
      lines.push(
        `  OAuth: ${sim.url}/oauth  client_id=${sim.oauth.clientId}  client_secret=${sim.oauth.clientSecret}`,
      );
      lines.push(`  pre-issued refresh token: ${sim.oauth.refreshToken}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await sim.close();
    return 0;
  },
};
