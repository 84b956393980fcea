import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { closestBranchErrors } from './error-branches.js';
import { toJsonSchema } from './openapi-to-json-schema.js';
import { relaxResponseSchema } from './relaxations.js';
import { responseSchema } from './response-schemas.js';
import type { SpecDocuments } from './spec-files.js';
import type { ApiVersion, HttpMethod } from './types.js';

/** Validates response bodies against the spec's (relaxed) response schemas with ajv. */

export interface ResponseCheck {
  version: ApiVersion;
  method: HttpMethod;
  pathTemplate: string;
  status: number;
  body: unknown;
}

export interface ValidationResult {
  valid: boolean;
  source: string;
  /** One line per violation: JSON path, what the schema says, the value found. */
  errors: string[];
}

function describe(error: ErrorObject, body: unknown): string {
  const path = error.instancePath || '/';
  const found = error.instancePath
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      body,
    );
  const shown = JSON.stringify(found)?.slice(0, 80);
  return `${path} ${error.message ?? error.keyword} ${JSON.stringify(error.params)} (found ${shown})`;
}

export class ResponseValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, { validate: ValidateFunction; source: string }>();

  constructor(private readonly docs: SpecDocuments) {
    // strictSchema stays on so a keyword the translation forgot to drop fails loudly instead of being ignored.
    this.ajv = new Ajv({ allErrors: true, strictSchema: true, strictTypes: false, strictRequired: false });
    addFormats.default(this.ajv);
    // OpenAPI formats are open-ended; "string" carries no constraint, so it validates nothing (OpenAPI 3.0 §4.4).
    this.ajv.addFormat('string', true);
  }

  private compile(version: ApiVersion, method: HttpMethod, pathTemplate: string, status: number) {
    const key = `${version} ${method} ${pathTemplate} ${status}`;
    let entry = this.compiled.get(key);
    if (!entry) {
      const { schema, source } = responseSchema(this.docs, version, method, pathTemplate, status);
      const validate = this.ajv.compile(toJsonSchema(relaxResponseSchema(schema, version)));
      entry = { validate, source };
      this.compiled.set(key, entry);
    }
    return entry;
  }

  validate(check: ResponseCheck): ValidationResult {
    const { validate, source } = this.compile(check.version, check.method, check.pathTemplate, check.status);
    const valid = validate(check.body) as boolean;
    const errors = valid
      ? []
      : closestBranchErrors(validate.errors ?? []).map((e) => describe(e, check.body));
    return { valid, source, errors };
  }
}
