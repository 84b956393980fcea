/** The slice of OpenAPI 3.0 the conformance checks read. Schemas stay loose JSON: the spec is data, not code. */

export type ApiVersion = 'v1' | 'v2';
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type SchemaNode = { [keyword: string]: unknown };

export interface MediaType {
  schema?: SchemaNode;
}

export interface ResponseObject {
  description?: string;
  content?: Record<string, MediaType>;
  $ref?: string;
}

export interface OperationObject {
  operationId?: string;
  deprecated?: boolean;
  'x-token-cost'?: number;
  responses?: Record<string, ResponseObject>;
  [key: string]: unknown;
}

export type PathItem = Partial<Record<HttpMethod, OperationObject>> & { [key: string]: unknown };

export interface OpenApiDocument {
  openapi: string;
  info?: { title?: string; version?: string };
  paths: Record<string, PathItem>;
  components?: { schemas?: Record<string, SchemaNode>; responses?: Record<string, ResponseObject> };
}

/** One operation found in the spec, with the file it came from. */
export interface SpecOperation {
  version: ApiVersion;
  method: HttpMethod;
  /** The path template exactly as the spec spells it, e.g. /deals/{id}. */
  pathTemplate: string;
  file: 'v1.yaml' | 'v2.yaml' | 'v1-2026-01-with-deprecated.yaml';
  operation: OperationObject;
  document: OpenApiDocument;
}
