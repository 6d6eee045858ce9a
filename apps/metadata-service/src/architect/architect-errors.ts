import { BadGatewayException, BadRequestException, type HttpException, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { isGenesysApiError } from '@genesys-bridge/genesys-client';
import { InvalidRoutingNameError, RoutingLookupTimeoutError } from '@genesys-bridge/routing-lookup';

/**
 * How a failed lookup answers an Architect Data Action: a bad name is the caller's 400; Genesys refusing our
 * credentials or request is a 502 (fix the connection); a 429, 5xx or timeout is a 503 (the flow's failure path, or
 * a retry). A Data Action takes any non-2xx to its Failure output, so the status mostly helps humans and logs.
 */
export function lookupFailure(error: unknown): HttpException | null {
  if (error instanceof InvalidRoutingNameError) {
    return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Request validation failed', errors: [{ path: 'name', problems: [error.message] }] });
  }
  if (isGenesysApiError(error) && (error.kind === 'auth' || error.kind === 'permanent')) {
    return new BadGatewayException({ statusCode: HttpStatus.BAD_GATEWAY, error: 'Bad Gateway', message: `Genesys refused the lookup (${error.status ?? error.code ?? 'error'}); check the connection` });
  }
  if (isGenesysApiError(error) || error instanceof RoutingLookupTimeoutError) {
    return new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: 'Genesys did not answer the lookup and nothing is cached; retry later' });
  }
  return null;
}
