import { z } from 'zod';

/** DNS-1123 subdomain, the shape of most Kubernetes object names (Secrets, PVCs, ServiceAccounts). */
export const DNS_SUBDOMAIN_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
/** DNS-1123 label: lowercase alphanumerics and '-', at most 63 characters. */
export const DNS_LABEL_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
/** Keys of a Secret's data. */
export const SECRET_KEY_PATTERN = '^[-._a-zA-Z0-9]+$';

/** The name of an object in the same namespace; `description` says which object. */
export function objectName(description: string): z.ZodString {
  return z.string().min(1).max(253).regex(new RegExp(DNS_SUBDOMAIN_PATTERN)).describe(description);
}

/** A reference to one key of a Secret in the same namespace; the value is read, never copied. */
export const secretKeySelectorSchema = z
  .object({
    name: objectName('Name of the Secret, in the same namespace.'),
    key: z
      .string()
      .min(1)
      .max(253)
      .regex(new RegExp(SECRET_KEY_PATTERN))
      .describe('Key within the Secret whose value is used.'),
  })
  .describe('A key of a Secret in the same namespace.');
export type SecretKeySelector = z.infer<typeof secretKeySelectorSchema>;

/** Go-style duration as Kubernetes writes them: 90s, 15m, 1h30m. */
export const DURATION_PATTERN = '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$';

export const timestampSchema = z.iso.datetime({ offset: true });
