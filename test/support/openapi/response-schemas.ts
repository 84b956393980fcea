import { findOperation } from './operations.js';
import { resolveRefs } from './refs.js';
import type { SpecDocuments } from './spec-files.js';
import type { ApiVersion, HttpMethod, ResponseObject, SchemaNode, SpecOperation } from './types.js';

/** Picks the spec's response schema for (operation, status). */

/**
 * Most operations document no 401 and few document 404, yet every one can answer them. The spec documents the
 * gateway's 401 body on GET /v1/users/me and the error envelope on GET /v1/leads/{id} and the v2 convert-status
 * operation; an operation without its own schema for those statuses is held to these, from the same spec.
 */
const ERROR_REFERENCES: Record<ApiVersion, Record<string, { method: HttpMethod; path: string }>> = {
  v1: {
    '401': { method: 'get', path: '/users/me' },
    '404': { method: 'get', path: '/leads/{id}' },
  },
  v2: {
    '401': { method: 'get', path: '/users/me' }, // v2 has no 401 schema at all; the gateway body is version-agnostic
    '404': { method: 'get', path: '/deals/{id}/convert/status/{conversion_id}' },
  },
};

export interface ResponseSchema {
  schema: SchemaNode;
  /** Human-readable origin, e.g. "v2.yaml GET /deals/{id} 200". */
  source: string;
}

function jsonSchemaOf(operation: SpecOperation, status: string): SchemaNode | undefined {
  const responses = operation.operation.responses ?? {};
  const candidate = responses[status] ?? responses[`${status[0]}XX`] ?? responses.default;
  if (!candidate) return undefined;
  const response = resolveRefs<ResponseObject>(candidate, operation.document);
  const media = response.content?.['application/json'];
  return media?.schema ? resolveRefs(media.schema, operation.document) : undefined;
}

export function responseSchema(
  docs: SpecDocuments,
  version: ApiVersion,
  method: HttpMethod,
  pathTemplate: string,
  status: number,
): ResponseSchema {
  const operation = findOperation(docs, version, method, pathTemplate);
  if (!operation) throw new Error(`The spec has no ${method.toUpperCase()} ${pathTemplate} in ${version}`);
  const code = String(status);
  const own = jsonSchemaOf(operation, code);
  if (own)
    return {
      schema: own,
      source: `${operation.file} ${method.toUpperCase()} ${operation.pathTemplate} ${code}`,
    };
  const reference = ERROR_REFERENCES[version][code];
  // A 401 lookup for v2 is answered from the v1 file, where the gateway body is documented.
  const refVersion: ApiVersion = code === '401' ? 'v1' : version;
  const fallback = reference && findOperation(docs, refVersion, reference.method, reference.path);
  const schema = fallback && jsonSchemaOf(fallback, code);
  if (!fallback || !schema) {
    throw new Error(
      `The spec documents no ${code} response for ${method.toUpperCase()} ${pathTemplate} (${version})`,
    );
  }
  return {
    schema,
    source: `${fallback.file} ${reference.method.toUpperCase()} ${fallback.pathTemplate} ${code} (stand-in)`,
  };
}
