/**
 * Renders OAuth credentials for their next home: a Kubernetes Secret whose
 * keys a PipedriveConnection references, or environment lines for the CLI.
 */
import { stringify } from 'yaml';

export interface OAuthCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** https://<company>.pipedrive.com as the token response names it. */
  apiDomain?: string;
}

/** The <company> of https://<company>.pipedrive.com, when the API domain is Pipedrive's. */
export function companyDomainOf(apiDomain: string | undefined): string | undefined {
  if (!apiDomain) return undefined;
  try {
    const host = new URL(apiDomain).hostname;
    return host.endsWith('.pipedrive.com') ? host.slice(0, -'.pipedrive.com'.length) : undefined;
  } catch {
    return undefined;
  }
}

export function secretManifest(c: OAuthCredentials, name: string, namespace: string | undefined): string {
  const domain = companyDomainOf(c.apiDomain) ?? '<company domain>';
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    type: 'Opaque',
    stringData: { clientId: c.clientId, clientSecret: c.clientSecret, refreshToken: c.refreshToken },
  };
  const connection = [
    '# Reference it from a PipedriveConnection:',
    '#   spec:',
    `#     companyDomain: ${domain}`,
    '#     auth:',
    '#       scheme: OAuth',
    '#       oauth:',
    `#         clientIdSecretRef:     {name: ${name}, key: clientId}`,
    `#         clientSecretSecretRef: {name: ${name}, key: clientSecret}`,
    `#         refreshTokenSecretRef: {name: ${name}, key: refreshToken}`,
  ];
  return `${connection.join('\n')}\n${stringify(secret)}`;
}

const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

export function envLines(c: OAuthCredentials): string {
  const domain = companyDomainOf(c.apiDomain);
  const lines = [
    `PIPEDRIVE_CLIENT_ID=${shellQuote(c.clientId)}`,
    `PIPEDRIVE_CLIENT_SECRET=${shellQuote(c.clientSecret)}`,
    `PIPEDRIVE_REFRESH_TOKEN=${shellQuote(c.refreshToken)}`,
    ...(domain ? [`PIPEDRIVE_COMPANY_DOMAIN=${shellQuote(domain)}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}
