import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { luaAvailable, runArgoScript } from './lua.js';

const dir = new URL('../../deploy/argocd/', import.meta.url).pathname;
const connectionScript = `${dir}health/PipedriveConnection.lua`;
const syncJobScript = `${dir}health/SyncJob.lua`;

interface Health {
  status: string;
  message: string;
}

function withConditions(
  conditions: { type: string; status: string; reason: string; message?: string }[],
  extra: Record<string, unknown> = {},
): unknown {
  return {
    metadata: { name: 'acme', generation: 2 },
    spec: extra.spec ?? {},
    status: { observedGeneration: 2, conditions: conditions.map((c) => ({ message: 'm', ...c })) },
  };
}

describe('Argo CD health checks (lua5.4)', () => {
  it('has a Lua interpreter (apt-get install lua5.4)', () => {
    expect(luaAvailable(), 'lua5.4 is not installed; .ci/run installs it with apt-get').toBe(true);
  });

  const connectionCases: [string, unknown, string][] = [
    ['no status yet -> Progressing', { metadata: { generation: 1 }, spec: {} }, 'Progressing'],
    [
      'Validated -> Healthy',
      withConditions([{ type: 'Ready', status: 'True', reason: 'Validated' }]),
      'Healthy',
    ],
    ...(
      [
        'SecretNotFound',
        'SecretKeyMissing',
        'InvalidCredentials',
        'Forbidden',
        'CompanyDomainMismatch',
        'PaymentRequired',
      ] as const
    ).map((reason): [string, unknown, string] => [
      `${reason} -> Degraded`,
      withConditions([{ type: 'Ready', status: 'False', reason }]),
      'Degraded',
    ]),
    [
      'RateLimited -> Progressing (heals by itself)',
      withConditions([{ type: 'Ready', status: 'False', reason: 'RateLimited' }]),
      'Progressing',
    ],
    [
      'ApiUnavailable -> Progressing (heals by itself)',
      withConditions([{ type: 'Ready', status: 'False', reason: 'ApiUnavailable' }]),
      'Progressing',
    ],
    [
      'Stalled wins over Ready',
      withConditions([
        { type: 'Ready', status: 'True', reason: 'Validated' },
        { type: 'Stalled', status: 'True', reason: 'InvalidCredentials' },
      ]),
      'Degraded',
    ],
    [
      'spec change not yet observed -> Progressing',
      {
        metadata: { generation: 3 },
        status: {
          observedGeneration: 2,
          conditions: [{ type: 'Ready', status: 'True', reason: 'Validated' }],
        },
      },
      'Progressing',
    ],
  ];

  it.each(connectionCases)('PipedriveConnection: %s', (_name, obj, expected) => {
    const health = runArgoScript(connectionScript, obj) as Health;
    expect(health.status).toBe(expected);
    expect(typeof health.message).toBe('string');
  });

  const syncJobCases: [string, unknown, string][] = [
    ['no status yet -> Progressing', { metadata: { generation: 1 }, spec: {} }, 'Progressing'],
    ['suspended -> Suspended', { metadata: { generation: 1 }, spec: { suspend: true } }, 'Suspended'],
    [
      'Scheduled -> Healthy',
      withConditions([{ type: 'Ready', status: 'True', reason: 'Scheduled' }]),
      'Healthy',
    ],
    [
      'Succeeded -> Healthy',
      withConditions([{ type: 'Ready', status: 'True', reason: 'Succeeded' }]),
      'Healthy',
    ],
    ...(['LastRunFailed', 'InvalidSchedule', 'InvalidTimeZone', 'DestinationSecretNotFound'] as const).map(
      (reason): [string, unknown, string] => [
        `${reason} -> Degraded`,
        withConditions([{ type: 'Ready', status: 'False', reason }]),
        'Degraded',
      ],
    ),
    ...(['ConnectionNotReady', 'Running'] as const).map((reason): [string, unknown, string] => [
      `${reason} -> Progressing`,
      withConditions([{ type: 'Ready', status: 'False', reason }]),
      'Progressing',
    ]),
    [
      'Stalled -> Degraded',
      withConditions([{ type: 'Stalled', status: 'True', reason: 'InvalidSchedule' }]),
      'Degraded',
    ],
  ];

  it.each(syncJobCases)('SyncJob: %s', (_name, obj, expected) => {
    const health = runArgoScript(syncJobScript, obj) as Health;
    expect(health.status).toBe(expected);
  });

  it('sync-now action sets a new requested-at annotation and keeps the others', () => {
    const obj = { metadata: { name: 'x', annotations: { keep: 'me' } }, spec: {} };
    const out = runArgoScript(`${dir}actions/sync-now/action.lua`, obj) as {
      metadata: { annotations: Record<string, string> };
    };
    expect(out.metadata.annotations.keep).toBe('me');
    expect(out.metadata.annotations['pipedrive.sync.dev/requested-at']).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
  });

  it('argocd-cm-patch.yaml carries exactly the shipped scripts', () => {
    const patch = parse(readFileSync(`${dir}argocd-cm-patch.yaml`, 'utf8')) as {
      data: Record<string, string>;
    };
    const read = (p: string) => readFileSync(`${dir}${p}`, 'utf8');
    expect(patch.data['resource.customizations.health.pipedrive.sync.dev_PipedriveConnection']).toBe(
      read('health/PipedriveConnection.lua'),
    );
    expect(patch.data['resource.customizations.health.pipedrive.sync.dev_SyncJob']).toBe(
      read('health/SyncJob.lua'),
    );
    const actions = parse(patch.data['resource.customizations.actions.pipedrive.sync.dev_SyncJob'] ?? '') as {
      'discovery.lua': string;
      definitions: { name: string; 'action.lua': string }[];
    };
    expect(actions['discovery.lua']).toBe(read('actions/discovery.lua'));
    expect(actions.definitions[0]?.['action.lua']).toBe(read('actions/sync-now/action.lua'));
  });
});
