import type { SpecDocuments } from './spec-files.js';
import type { ApiVersion, HttpMethod, OpenApiDocument, SpecOperation } from './types.js';

/** Finds operations in the spec by path template or by concrete request path. */

/** `/deals/{id}`, `/deals/:id` and `/deals/{deal_id}` all name the same route; compare with params blanked. */
export function templateKey(pathTemplate: string): string {
  return pathTemplate
    .replace(/\{[^}]+\}/g, '{}')
    .replace(/:[A-Za-z_][A-Za-z0-9_]*/g, '{}')
    .replace(/\/+$/, '');
}

function documentsFor(
  docs: SpecDocuments,
  version: ApiVersion,
): Array<[SpecOperation['file'], OpenApiDocument]> {
  if (version === 'v2') return [['v2.yaml', docs.v2]];
  // Current v1 first; the deprecated snapshot only answers for paths the current file no longer lists.
  const list: Array<[SpecOperation['file'], OpenApiDocument]> = [['v1.yaml', docs.v1]];
  if (docs.v1Deprecated) list.push(['v1-2026-01-with-deprecated.yaml', docs.v1Deprecated]);
  return list;
}

export function findOperation(
  docs: SpecDocuments,
  version: ApiVersion,
  method: HttpMethod,
  pathTemplate: string,
): SpecOperation | undefined {
  const key = templateKey(pathTemplate);
  for (const [file, document] of documentsFor(docs, version)) {
    // The exact spelling first: /oauth/token and /oauth/token/ are two operations in v1.yaml.
    const exact = document.paths[pathTemplate]?.[method];
    if (exact) return { version, method, pathTemplate, file, operation: exact, document };
    for (const [specPath, item] of Object.entries(document.paths)) {
      const operation = item[method];
      if (operation && templateKey(specPath) === key) {
        return { version, method, pathTemplate: specPath, file, operation, document };
      }
    }
  }
  return undefined;
}

function matches(template: string, segments: readonly string[]): number | undefined {
  const parts = template.split('/').filter(Boolean);
  if (parts.length !== segments.length) return undefined;
  let params = 0;
  for (const [i, part] of parts.entries()) {
    if (part.startsWith('{')) params += 1;
    else if (part !== segments[i]) return undefined;
  }
  return params;
}

/** The operation serving a concrete path such as /deals/archived; literal segments win over {params}. */
export function operationForPath(
  docs: SpecDocuments,
  version: ApiVersion,
  method: HttpMethod,
  concretePath: string,
): SpecOperation | undefined {
  const segments = concretePath.split('?')[0]!.split('/').filter(Boolean);
  for (const [file, document] of documentsFor(docs, version)) {
    let best: { path: string; params: number } | undefined;
    for (const [specPath, item] of Object.entries(document.paths)) {
      if (!item[method]) continue;
      const params = matches(specPath, segments);
      if (params !== undefined && (!best || params < best.params)) best = { path: specPath, params };
    }
    if (best) {
      const operation = document.paths[best.path]![method]!;
      return { version, method, pathTemplate: best.path, file, operation, document };
    }
  }
  return undefined;
}
