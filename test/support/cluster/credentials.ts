import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Files the apiserver and controller manager need for authentication and service-account tokens. */
export interface ClusterCredentials {
  token: string;
  tokenFile: string;
  serviceAccountKey: string;
  serviceAccountPublicKey: string;
}

/**
 * Generates a fresh admin token (user `admin` in `system:masters`) and an RSA key
 * pair that signs (apiserver, token controller) and verifies service-account tokens.
 */
export function writeCredentials(dir: string): ClusterCredentials {
  const token = randomBytes(24).toString('hex');
  const tokenFile = join(dir, 'tokens.csv');
  writeFileSync(tokenFile, `${token},admin,admin-uid,"system:masters"\n`, { mode: 0o600 });
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const serviceAccountKey = join(dir, 'sa.key');
  writeFileSync(serviceAccountKey, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const serviceAccountPublicKey = join(dir, 'sa.pub');
  writeFileSync(serviceAccountPublicKey, publicKey.export({ type: 'spki', format: 'pem' }));
  return { token, tokenFile, serviceAccountKey, serviceAccountPublicKey };
}
