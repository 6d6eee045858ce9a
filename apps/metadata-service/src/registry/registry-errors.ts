import { BadRequestException, ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import type { FieldProblem } from '@genesys-bridge/service-runtime';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The same answer for an unknown connection and for one the key may not see (never a 403 revealing it exists). */
export function unknownConnection(connectionId: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'Not Found', message: `unknown connection ${connectionId.slice(0, 64)}` });
}

/** A 400 shaped like the validation pipe's: each problem under its field path. */
export function invalidFields(errors: FieldProblem[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Request validation failed', errors });
}

export function conflict(message: string): ConflictException {
  return new ConflictException({ statusCode: 409, error: 'Conflict', message });
}

export function forbidden(message: string): ForbiddenException {
  return new ForbiddenException({ statusCode: 403, error: 'Forbidden', message });
}
