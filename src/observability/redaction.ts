/**
 * Secrets are registered here as soon as they are read (from a Secret, the
 * environment or a file) and are replaced by `[REDACTED]` in every log line,
 * error message, report and status message that passes through `redact`.
 */
const secrets = new Set<string>();

/** Shortest value we treat as a secret; shorter strings would redact ordinary words. */
const MIN_SECRET_LENGTH = 6;

export function registerSecret(value: string | undefined | null): void {
  if (!value) return;
  const trimmed = value.trim();
  if (trimmed.length >= MIN_SECRET_LENGTH) secrets.add(trimmed);
  // URL-encoded and base64 forms appear in URLs and in Authorization headers.
  if (trimmed.length >= MIN_SECRET_LENGTH) {
    secrets.add(encodeURIComponent(trimmed));
    secrets.add(Buffer.from(trimmed).toString('base64'));
  }
}

/** Patterns that are secret whatever their value: tokens in query strings and auth headers. */
const SECRET_PATTERNS: RegExp[] = [
  /(api_token=)[^&\s"']+/gi,
  /(access_token=|refresh_token=|client_secret=)[^&\s"']+/gi,
  /("?(?:x-api-token|authorization|api_token|access_token|refresh_token|client_secret|password)"?\s*[:=]\s*"?)(?:Bearer |Basic )?[^"\s,}]+/gi,
  /(\/\/[^:/@\s]+:)[^@/\s]+(@)/g, // user:password@ in URLs
];

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  }
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (_m, prefix: string, suffix?: string) =>
      typeof suffix === 'string' && suffix === '@' ? `${prefix}[REDACTED]@` : `${prefix}[REDACTED]`,
    );
  }
  return out;
}

/** For tests: forget registered secrets. */
export function clearSecrets(): void {
  secrets.clear();
}
