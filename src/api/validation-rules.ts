import type { z } from 'zod';

/**
 * A cross-field rule written once and enforced twice: as a CEL rule in the CRD
 * (so the API server rejects the object) and as a zod refinement (so the CLI,
 * the samples test and the operator reject it the same way). Transition rules
 * (`oldSelf`) exist only in CEL because they need the stored object.
 */
export interface ValidationRule<T> {
  /** CEL expression over `self` (and `oldSelf` for transition rules). */
  rule: string;
  /** Shown to the user; names the field. */
  message: string;
  /** JSON path, relative to the schema node, of the field to blame (e.g. `.apiTokenSecretRef`). */
  fieldPath?: string;
  /** Kubernetes cause type: FieldValueInvalid (default), FieldValueRequired, FieldValueForbidden, FieldValueDuplicate. */
  reason?: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueForbidden' | 'FieldValueDuplicate';
  /** The same check in TypeScript; absent for transition rules. */
  holds?: (value: T) => boolean;
}

/** The `x-kubernetes-validations` entries for a set of rules. */
export function celRules<T>(rules: readonly ValidationRule<T>[]): Record<string, unknown>[] {
  return rules.map(({ rule, message, fieldPath, reason }) => ({
    rule,
    message,
    ...(fieldPath ? { fieldPath } : {}),
    ...(reason ? { reason } : {}),
  }));
}

/** Attaches rules to an object schema: CEL as metadata for the CRD, the checks as a zod refinement. */
export function withRules<S extends z.ZodType>(schema: S, rules: readonly ValidationRule<z.output<S>>[]): S {
  const refined = schema.superRefine((value, ctx) => {
    for (const r of rules) {
      if (r.holds && !r.holds(value)) {
        const path = r.fieldPath ? r.fieldPath.replace(/^\./, '').split('.') : [];
        ctx.addIssue({ code: 'custom', message: r.message, path });
      }
    }
  });
  return refined.meta({ 'x-kubernetes-validations': celRules(rules) }) as S;
}
