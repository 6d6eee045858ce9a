/** The platform API's error body (genesys-api.md §8: normalised 429 shape, shared by all errors). */
export interface GenesysErrorBody {
  message: string;
  code: string;
  status: number;
  contextId: string;
  details: unknown[];
  errors: unknown[];
}

/** One entry of `details` (the SDKs' `Detail` model): which field a validation error is about. */
export interface GenesysErrorDetail {
  errorCode: string;
  fieldName: string;
  message?: string;
}

/** Thrown by route handlers; the server's error handler renders it with the request's correlation id. */
export class GenesysApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly details: GenesysErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'GenesysApiError';
  }

  toBody(contextId: string): GenesysErrorBody {
    return { message: this.message, code: this.code, status: this.status, contextId, details: [...this.details], errors: [] };
  }
}

export const badRequest = (message: string): GenesysApiError => new GenesysApiError(400, 'bad.request', message);

export const notFound = (message: string): GenesysApiError => new GenesysApiError(404, 'not.found', message);

export const conflict = (message: string): GenesysApiError => new GenesysApiError(409, 'conflict', message);

export function rateLimited(retryAfterSeconds: number): GenesysApiError {
  return new GenesysApiError(
    429,
    'too.many.requests.retry.after',
    `Rate limit exceeded the maximum. Retry the request in [${retryAfterSeconds}] seconds`,
    { 'retry-after': String(retryAfterSeconds) },
  );
}

const SERVER_ERRORS: Record<number, { code: string; message: string }> = {
  500: { code: 'internal.server.error', message: 'The server encountered an unexpected condition.' },
  502: { code: 'bad.gateway', message: 'The server received an invalid response from an upstream server.' },
  503: { code: 'service.unavailable', message: 'The service is currently unavailable.' },
  504: { code: 'gateway.timeout', message: 'The request timed out.' },
};

export function serverError(status: 500 | 502 | 503 | 504): GenesysApiError {
  const { code, message } = SERVER_ERRORS[status];
  return new GenesysApiError(status, code, message);
}
