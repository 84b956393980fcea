/**
 * The SyncJob's destination Secret, which the operator judges from its Secret
 * cache (key names only, never values): a missing Secret and a Secret without
 * the referenced key each hold the run back with DestinationSecretNotFound,
 * and fixing the Secret starts the run by itself (the Secret watch).
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

beforeAll(async () => {
  env = await createOperatorEnv('op-dest-secret');
  await applySecret(env, 'pipedrive', { token: env.simulator.token });
  await createObject(env, 'PipedriveConnection', 'acme', {
    companyDomain: 'acme',
    apiUrl: env.simulator.url,
    auth: { scheme: 'Basic', apiTokenSecretRef: { name: 'pipedrive', key: 'token' } },
  });
}, 180_000);

afterAll(async () => {
  await env?.close();
});

const readyOf = async (name: string) => condition(await getObject(env, 'SyncJob', name), 'Ready');

describe('destination Secret', () => {
  test('a missing Secret, then a Secret without the key, hold the run back; the right key starts it', async () => {
    await createObject(env, 'SyncJob', 'late-dest', {
      connectionRef: { name: 'acme' },
      tables: ['pipelines'],
      destination: { type: 'postgres', urlSecretRef: { name: 'late-warehouse', key: 'url' } },
    });
    const missing = await waitFor('DestinationSecretNotFound', async () => {
      const ready = await readyOf('late-dest');
      return ready?.reason === 'DestinationSecretNotFound' ? ready : undefined;
    });
    expect(missing.status).toBe('False');
    expect(missing.message).toContain('does not exist');

    await applySecret(env, 'late-warehouse', { uri: env.pgUrl });
    const keyMissing = await waitFor('the key is reported missing', async () => {
      const ready = await readyOf('late-dest');
      return ready?.message?.includes('has no key url') ? ready : undefined;
    });
    expect(keyMissing.reason).toBe('DestinationSecretNotFound');
    expect(await listJobs(env, 'late-dest')).toHaveLength(0);

    await applySecret(env, 'late-warehouse', { url: env.pgUrl });
    await waitFor('the Job', async () => (await listJobs(env, 'late-dest')).length === 1);
    const status = (await getObject(env, 'SyncJob', 'late-dest')).status;
    // The URL (a credential) never reaches the SyncJob's status.
    expect(JSON.stringify(status)).not.toContain(env.pgUrl);
  });
});
