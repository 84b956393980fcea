/** Front door of the OpenAPI conformance support used by test/simulator/conformance*.test.ts and bench. */
export { loadSpecDocuments, OPENAPI_DIR_ENV, readSpecDocuments, SpecUnavailableError } from './spec-files.js';
export type { SpecDocuments } from './spec-files.js';
export { findOperation, operationForPath, templateKey } from './operations.js';
export { RELAXATIONS, V1_DATE_TIME_PATTERN, relaxResponseSchema } from './relaxations.js';
export { ResponseValidator } from './validator.js';
export type { ResponseCheck, ValidationResult } from './validator.js';
export type { ApiVersion, HttpMethod, SpecOperation } from './types.js';
