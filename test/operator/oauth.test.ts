/**
 * OAuth with a server that rotates refresh tokens and invalidates the used one
 * (the simulator's strictest mode): the operator stores every rotated token in
 * the Secret it owns and always refreshes with the latest one, so the
 * connection stays Ready across revalidations.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  applySecret,
  condition,
  createObject,
  createOperatorEnv,
  getObject,
  waitFor,
  type OperatorEnv,
} from './support/operator-env.js';

let env: OperatorEnv;

async function storedToken(): Promise<{
  token: string;
  owner?: { kind: string; name: string; uid: string; controller?: boolean };
}> {
  const secret = await env.core.readNamespacedSecret({ namespace: env.namespace, name: 'crm-oauth-token' });
  return {
    token: Buffer.from(secret.data!.refreshToken!, 'base64').toString('utf8'),
    owner: secret.metadata?.ownerReferences?.[0],
  };
}

beforeAll(async () => {
  env = await createOperatorEnv('op-oauth', { simulator: { oauth: { rotateRefreshTokens: true } } });
  const oauth = env.simulator.oauth!;
  await applySecret(env, 'oauth-app', {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    refreshToken: oauth.refreshToken,
  });
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

describe('OAuth refresh-token rotation', () => {
  test('the rotated token is stored in a Secret owned by the connection', async () => {
    const connection = await waitFor('Ready', async () => {
      const c = await getObject(env, 'PipedriveConnection', 'crm');
      return condition(c, 'Ready')?.status === 'True' ? c : undefined;
    });
    expect(connection.status?.tokenSecretName).toBe('crm-oauth-token');
    const stored = await storedToken();
    expect(stored.token).not.toBe(env.simulator.oauth!.refreshToken);
    expect(stored.owner).toMatchObject({
      kind: 'PipedriveConnection',
      name: 'crm',
      uid: connection.metadata.uid,
      controller: true,
    });
    expect(JSON.stringify(connection)).not.toContain(stored.token);
  });

  test('a revalidation refreshes with the latest token and stays Ready', async () => {
    const before = (await storedToken()).token;
    // Any change to the user's Secret triggers a new check; the seed token in it is already used up.
    await applySecret(env, 'oauth-app', {
      clientId: env.simulator.oauth!.clientId,
      clientSecret: env.simulator.oauth!.clientSecret,
      refreshToken: env.simulator.oauth!.refreshToken,
      note: 'touched',
    });
    await waitFor('another rotation', async () => (await storedToken()).token !== before);
    const connection = await getObject(env, 'PipedriveConnection', 'crm');
    expect(condition(connection, 'Ready')).toMatchObject({ status: 'True', reason: 'Validated' });
  });
});
