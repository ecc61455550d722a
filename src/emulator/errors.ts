/**
 * Errors the emulator answers with, rendered the way Confluence Cloud renders them:
 * v2 `{"errors":[{status, code, title, detail}]}`, v1 `{statusCode, data, message, reason}`.
 * Texts come from docs/emulator.md (which cites the observed Confluence bodies).
 */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'GONE'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR'
  | 'SERVICE_UNAVAILABLE';

const codeOfStatus: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  410: 'GONE',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

const reasonOfStatus: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request Entity Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** v1 messages are usually prefixed by the Java exception class that produced them. */
const v1ExceptionOfStatus: Record<number, string> = {
  400: 'com.atlassian.confluence.api.service.exceptions.api.BadRequestException',
  403: 'com.atlassian.confluence.api.service.exceptions.PermissionException',
  404: 'com.atlassian.confluence.api.service.exceptions.NotFoundException',
  409: 'com.atlassian.confluence.api.service.exceptions.api.ConflictException',
  410: 'com.atlassian.confluence.api.service.exceptions.GoneException',
};

export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(
    readonly status: number,
    readonly title: string,
    options: {
      code?: ErrorCode;
      detail?: string | null;
      /** The v1 `message`, when it differs from `<exception class>: <title>`. */
      v1Message?: string;
      headers?: Record<string, string>;
      /** A raw body (HTML, empty) instead of the JSON envelope: Tomcat and edge errors. */
      raw?: { contentType: string; body: string };
    } = {},
  ) {
    super(title);
    this.code = options.code ?? codeOfStatus[status] ?? 'INTERNAL_SERVER_ERROR';
    this.detail = options.detail ?? null;
    this.v1Message = options.v1Message;
    this.headers = options.headers ?? {};
    this.raw = options.raw;
  }
  readonly detail: string | null;
  readonly v1Message: string | undefined;
  readonly headers: Record<string, string>;
  readonly raw: { contentType: string; body: string } | undefined;
}

export function v2ErrorBody(error: ApiError): unknown {
  return { errors: [{ status: error.status, code: error.code, title: error.title, detail: error.detail }] };
}

export function v1ErrorBody(error: ApiError): unknown {
  const exception = v1ExceptionOfStatus[error.status];
  const message = error.v1Message ?? (exception ? `${exception}: ${error.title}` : error.title);
  return {
    statusCode: error.status,
    data: { authorized: error.status !== 401 && error.status !== 403, valid: true, allowedInReadOnlyMode: true, errors: [], successful: false },
    message,
    reason: reasonOfStatus[error.status] ?? 'Error',
  };
}

/** Small constructors for the errors that many routes share. */
export const errors = {
  badRequest: (title: string, detail: string | null = null) => new ApiError(400, title, { detail }),
  notFound: (title = 'Not Found') => new ApiError(404, title),
  conflict: (title: string) => new ApiError(409, title),
  methodNotAllowed: (allow: string[]) =>
    new ApiError(405, 'Method Not Allowed', { headers: { allow: allow.join(',') } }),
  /** Confluence's HTML 404 for paths that are not API routes at all. */
  noRoute: () =>
    new ApiError(404, 'Not Found', {
      raw: { contentType: 'text/html;charset=utf-8', body: '<!doctype html><html lang="en"><head><title>HTTP Status 404 – Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1></body></html>' },
    }),
};
