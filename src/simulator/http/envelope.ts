import type { ApiResponse } from './api-types.js';

const ERROR_INFO = 'Please check developers.pipedrive.com for more information about Pipedrive API.';

export function ok(data: unknown, additional: unknown = null, status = 200): ApiResponse {
  return { status, body: { success: true, data, additional_data: additional } };
}

/** v1 success envelope; empty lists come back as `data: null`, as the live v1 API does. */
export function v1Ok(
  data: unknown,
  additional: unknown = {},
  related?: Record<string, unknown>,
): ApiResponse {
  const body: Record<string, unknown> = {
    success: true,
    data: Array.isArray(data) && data.length === 0 ? null : data,
    additional_data: additional,
  };
  if (related) body.related_objects = related;
  return { status: 200, body };
}

export function errorBody(message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    success: false,
    error: message,
    error_info: ERROR_INFO,
    data: null,
    additional_data: null,
    ...extra,
  };
}

export function failure(status: number, message: string, extra: Record<string, unknown> = {}): ApiResponse {
  return { status, body: errorBody(message, extra) };
}

/** The API gateway's 401 body (observed live: errorCode and a short error_info). */
export function unauthorized(): ApiResponse {
  return {
    status: 401,
    body: {
      success: false,
      error: 'unauthorized access',
      errorCode: 401,
      error_info: 'Please check developers.pipedrive.com',
    },
    headers: { 'x-401-by-gw': 'true' },
  };
}
