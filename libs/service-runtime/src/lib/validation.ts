import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  /** Dotted path of the field in the request body, e.g. `channel.from.id` or `content.0.attachment.url`. */
  path: string;
  problems: string[];
}

export function fieldProblems(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ path, problems: Object.values(error.constraints) }] : [];
    return [...own, ...fieldProblems(error.children ?? [], path)];
  });
}

/**
 * Whitelisting validation for every DTO: unknown fields are refused, and a 400 lists each bad field
 * by its path so a bot builder can fix the request without reading our code.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Request validation failed', errors: fieldProblems(errors) }),
  });
}
