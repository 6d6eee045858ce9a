import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { GenesysApiError } from '../support/genesys-error';

/** Renders every failure in Genesys' error shape with the request's correlation id as `contextId`. */
export function genesysErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const apiError = toGenesysError(error);
  void reply
    .code(apiError.status)
    .headers(apiError.headers)
    .send(apiError.toBody(request.correlationId));
}

export function genesysNotFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  genesysErrorHandler(new GenesysApiError(404, 'not.found', `HTTP 404 Not Found: ${request.method} ${request.url.split('?')[0]}`), request, reply);
}

function toGenesysError(error: FastifyError | Error): GenesysApiError {
  if (error instanceof GenesysApiError) return error;
  const { code, statusCode } = error as FastifyError;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new GenesysApiError(413, 'request.entity.too.large', 'The request is larger than the maximum of request.bytes.max.');
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new GenesysApiError(415, 'unsupported.media.type', 'Unsupported Content-Type; use application/json.');
  }
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    return new GenesysApiError(statusCode, 'bad.request', `The request could not be understood by the server: ${error.message}`);
  }
  return new GenesysApiError(500, 'internal.server.error', `The server encountered an unexpected condition: ${error.message}`);
}
