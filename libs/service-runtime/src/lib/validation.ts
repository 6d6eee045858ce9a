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
 * Whitelisting validation; every controller that takes input declares it with `@UsePipes(...)` (there
 * is no global pipe, so strict and lenient controllers can coexist): unknown fields are refused (or, with `allowUnknownFields`,
 * dropped — for payloads a third party may extend, such as Genesys'), and a 400 lists each bad field
 * by its path so the caller can fix the request without reading our code.
 */
export function createValidationPipe({ allowUnknownFields = false } = {}): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: !allowUnknownFields,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Request validation failed', errors: fieldProblems(errors) }),
  });
}
