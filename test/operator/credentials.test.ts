/**
 * Credential problems end to end: a wrong token stalls the connection with
 * InvalidCredentials and no Job starts; a Secret that appears later, or is
 * fixed, brings the connection back by itself (the Secret watch), and the
 * waiting SyncJob then runs.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REQUESTED_AT_ANNOTATION } from '../../src/api/index.js';
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

const connectionSpec = (secret: string) => ({
  companyDomain: 'acme',
  apiUrl: env.simulator.url,
  auth: { scheme: 'Basic', apiTokenSecretRef: { name: secret, key: 'token' } },
});
const syncJobSpec = (connection: string) => ({
  connectionRef: { name: connection },
  tables: ['pipelines', 'stages'],
  destination: { type: 'postgres', urlSecretRef: { name: 'warehouse', key: 'url' } },
});

async function readyOf(name: string) {
  const c = await getObject(env, 'PipedriveConnection', name);
  return { ready: condition(c, 'Ready'), stalled: condition(c, 'Stalled'), obj: c };
}

beforeAll(async () => {
  env = await createOperatorEnv('op-creds');
  await applySecret(env, 'warehouse', { url: env.pgUrl });
}, 180_000);

afterAll(async () => {
  await env?.close();
});

describe('credentials', () => {
  test('a wrong token gives InvalidCredentials, Stalled, and no Job', async () => {
    await applySecret(env, 'bad-token', { token: 'not-the-right-token-0000' });
    await createObject(env, 'PipedriveConnection', 'bad', connectionSpec('bad-token'));
    await createObject(env, 'SyncJob', 'bad-sync', syncJobSpec('bad'), { [REQUESTED_AT_ANNOTATION]: 'now' });
    const { ready, stalled } = await waitFor('InvalidCredentials', async () => {
      const r = await readyOf('bad');
      return r.ready?.reason === 'InvalidCredentials' ? r : undefined;
    });
    expect(ready?.status).toBe('False');
    expect(stalled?.status).toBe('True');
    const syncJob = await waitFor('SyncJob waits for the connection', async () => {
      const s = await getObject(env, 'SyncJob', 'bad-sync');
      return condition(s, 'Ready')?.reason === 'ConnectionNotReady' ? s : undefined;
    });
    expect(condition(syncJob, 'Ready')?.status).toBe('False');
    expect(await listJobs(env, 'bad-sync')).toHaveLength(0);
    // The token never leaks into status.
    expect(JSON.stringify((await readyOf('bad')).obj)).not.toContain('not-the-right-token-0000');
  });

  test('fixing the Secret revalidates the connection and the waiting SyncJob runs', async () => {
    await applySecret(env, 'bad-token', { token: env.simulator.token });
    await waitFor('Ready after the fix', async () => (await readyOf('bad')).ready?.status === 'True');
    expect((await readyOf('bad')).stalled).toBeUndefined();
    await waitFor('the Job', async () => (await listJobs(env, 'bad-sync')).length === 1);
  });

  test('a missing Secret gives SecretNotFound, and creating it later recovers by itself', async () => {
    await createObject(env, 'PipedriveConnection', 'late', connectionSpec('late-token'));
    const { ready } = await waitFor('SecretNotFound', async () => {
      const r = await readyOf('late');
      return r.ready?.reason === 'SecretNotFound' ? r : undefined;
    });
    expect(ready?.status).toBe('False');
    expect(ready?.message).toContain('late-token');
    await applySecret(env, 'late-token', { token: env.simulator.token });
    const recovered = await waitFor('Ready once the Secret exists', async () => {
      const r = await readyOf('late');
      return r.ready?.status === 'True' ? r : undefined;
    });
    expect(recovered.ready?.reason).toBe('Validated');
    expect(recovered.obj.status?.account).toMatchObject({ companyDomain: 'acme' });
  });
});
