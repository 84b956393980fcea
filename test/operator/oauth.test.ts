/**
 * OAuth with a server that rotates refresh tokens and invalidates the used one
 * (the simulator's strictest mode). The operator is the only refresher: it
 * stores every rotated refresh token, with the access token sync Jobs use, in
 * the Secret it owns (labelled as the shipped admission policy requires; the
 * operator runs with exactly the shipped RBAC). A sync Job reads rows with that
 * access token alone, and the connection stays Ready across revalidations.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  applySecret,
  condition,
  createObject,
  createOperatorEnv,
  getObject,
  listJobs,
  waitFor,
  type OperatorEnv,
} from './support/operator-env.js';

let env: OperatorEnv;

interface TokenSecret {
  data: Record<string, string>;
  labels: Record<string, string>;
  owner?: { kind: string; name: string; uid: string; controller?: boolean };
}

async function tokenSecret(): Promise<TokenSecret> {
  const secret = await env.core.readNamespacedSecret({ namespace: env.namespace, name: 'crm-oauth-token' });
  const data = Object.fromEntries(
    Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
  return { data, labels: secret.metadata?.labels ?? {}, owner: secret.metadata?.ownerReferences?.[0] };
}

beforeAll(async () => {
  env = await createOperatorEnv('op-oauth', { simulator: { oauth: { rotateRefreshTokens: true } } });
  const oauth = env.simulator.oauth!;
  await applySecret(env, 'oauth-app', {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    refreshToken: oauth.refreshToken,
  });
  await applySecret(env, 'warehouse', { url: env.pgUrl });
  await createObject(env, 'PipedriveConnection', 'crm', {
    companyDomain: 'acme',
    apiUrl: env.simulator.url,
    auth: {
      scheme: 'OAuth',
      oauth: {
        clientIdSecretRef: { name: 'oauth-app', key: 'clientId' },
        clientSecretSecretRef: { name: 'oauth-app', key: 'clientSecret' },
        refreshTokenSecretRef: { name: 'oauth-app', key: 'refreshToken' },
      },
    },
  });
}, 180_000);

afterAll(async () => {
  await env?.close();
});

describe('OAuth with the operator as the only refresher', () => {
  test('the rotated refresh token and an access token are stored in a labelled Secret owned by the connection', async () => {
    const connection = await waitFor('Ready', async () => {
      const c = await getObject(env, 'PipedriveConnection', 'crm');
      return condition(c, 'Ready')?.status === 'True' ? c : undefined;
    });
    expect(connection.status?.tokenSecretName).toBe('crm-oauth-token');
    const stored = await tokenSecret();
    expect(stored.data.refreshToken).toBeTruthy();
    expect(stored.data.refreshToken).not.toBe(env.simulator.oauth!.refreshToken);
    expect(stored.data.accessToken).toBeTruthy();
    expect(stored.data.apiDomain).toMatch(/^https?:\/\//);
    // Pipedrive access tokens live 3599 s; the operator stored one it just obtained.
    const lifetimeMs = new Date(stored.data.accessTokenExpiresAt!).getTime() - Date.now();
    expect(lifetimeMs).toBeGreaterThan(50 * 60_000);
    expect(lifetimeMs).toBeLessThanOrEqual(3600_000);
    expect(stored.labels['pipedrive.sync.dev/oauth-token']).toBe('true');
    expect(stored.owner).toMatchObject({
      kind: 'PipedriveConnection',
      name: 'crm',
      uid: connection.metadata.uid,
      controller: true,
    });
    const published = JSON.stringify(connection);
    expect(published).not.toContain(stored.data.refreshToken);
    expect(published).not.toContain(stored.data.accessToken);
  });

  test('a sync Job syncs rows with the operator-issued access token alone, and refreshes nothing', async () => {
    const before = await tokenSecret();
    await createObject(env, 'SyncJob', 'crm-warehouse', {
      connectionRef: { name: 'crm' },
      tables: ['deals', 'persons'],
      destination: { type: 'postgres', urlSecretRef: { name: 'warehouse', key: 'url' } },
    });
    const [job] = await waitFor('a Job', async () => {
      const jobs = await listJobs(env, 'crm-warehouse');
      return jobs.length > 0 ? jobs : undefined;
    });
    const pod = job!.spec!.template.spec!;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.volumes?.find((v) => v.secret)?.secret).toMatchObject({
      secretName: 'crm-oauth-token',
      items: [
        { key: 'accessToken', path: 'accessToken' },
        { key: 'apiDomain', path: 'apiDomain' },
      ],
    });
    const spec = JSON.stringify(job);
    expect(spec).not.toContain('oauth-app');
    expect(spec).not.toMatch(/refresh|PIPEDRIVE_CLIENT/i);
    for (const value of [
      before.data.refreshToken!,
      before.data.accessToken!,
      env.simulator.oauth!.clientSecret,
    ])
      expect(spec).not.toContain(value);

    const syncJob = await waitFor(
      'a finished run',
      async () => {
        const s = await getObject(env, 'SyncJob', 'crm-warehouse');
        const lastRun = s.status?.lastRun as { result?: string } | undefined;
        return lastRun && lastRun.result !== 'Running' ? s : undefined;
      },
      120_000,
    );
    const lastRun = syncJob.status?.lastRun as { result: string; message?: string };
    expect(lastRun.result, JSON.stringify(lastRun)).toBe('Succeeded');
    const live = [...env.simulator.world.records('deals')].filter((d) => !d.is_deleted).map((d) => d.id);
    const { rows } = await env.db.query<{ id: string }>(`SELECT id FROM ${env.pgSchema}.deals`);
    expect(live.length).toBeGreaterThan(0);
    const stored = new Set(rows.map((r) => Number(r.id)));
    for (const id of live) expect(stored.has(id)).toBe(true);
    // The Job did not refresh: the grant in the Secret is the one the operator stored before it.
    expect((await tokenSecret()).data.refreshToken).toBe(before.data.refreshToken);
  });

  test('a revalidation refreshes with the latest token, stores a new access token and stays Ready', async () => {
    const before = await tokenSecret();
    // Any change to the user's Secret triggers a new check; the seed token in it is already used up.
    await applySecret(env, 'oauth-app', {
      clientId: env.simulator.oauth!.clientId,
      clientSecret: env.simulator.oauth!.clientSecret,
      refreshToken: env.simulator.oauth!.refreshToken,
      note: 'touched',
    });
    const after = await waitFor('another rotation', async () => {
      const current = await tokenSecret();
      return current.data.refreshToken !== before.data.refreshToken ? current : undefined;
    });
    expect(after.data.accessToken).not.toBe(before.data.accessToken);
    const connection = await getObject(env, 'PipedriveConnection', 'crm');
    expect(condition(connection, 'Ready')).toMatchObject({ status: 'True', reason: 'Validated' });
  });
});
