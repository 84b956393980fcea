/** Which Secrets a connection or a SyncJob reads, by name, so a Secret event can find them. */
import type { PipedriveConnection, SyncJob } from '../api/index.js';

export function connectionSecretNames(connection: PipedriveConnection): string[] {
  const auth = connection.spec?.auth;
  if (!auth) return [];
  const refs = [
    auth.apiTokenSecretRef,
    auth.oauth?.clientIdSecretRef,
    auth.oauth?.clientSecretSecretRef,
    auth.oauth?.refreshTokenSecretRef,
  ];
  const names = refs.map((r) => r?.name).filter((n): n is string => typeof n === 'string');
  if (connection.status?.tokenSecretName) names.push(connection.status.tokenSecretName);
  return names;
}

export function syncJobSecretNames(syncJob: SyncJob): string[] {
  const name = syncJob.spec?.destination?.urlSecretRef?.name;
  return name ? [name] : [];
}
