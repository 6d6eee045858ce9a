import { type ArgumentMetadata, BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** Deeper than any Genesys message or sensible GenesysMetaData by a wide margin; shallower than what overflows the validator. */
export const MAX_BODY_DEPTH = 32;

/**
 * Runs before the validation pipe on the body: it must be a JSON object (or absent, with `optional`), nested at
 * most `maxDepth` levels. class-transformer and class-validator walk the body recursively; a body of
 * `{"a":{"a":…}}` would otherwise overflow the stack and end in a 500 instead of a 400. Iterative, so it cannot
 * overflow itself.
 */
@Injectable()
export class JsonObjectBodyPipe implements PipeTransform {
  constructor(private readonly options: { optional?: boolean; maxDepth?: number } = {}) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' || (value === undefined && this.options.optional)) return value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('the body must be a JSON object');
    const maxDepth = this.options.maxDepth ?? MAX_BODY_DEPTH;
    if (depthExceeds(value, maxDepth)) throw badRequest(`the body is nested deeper than ${maxDepth} levels`);
    return value;
  }
}

function depthExceeds(root: object, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    if (depth > maxDepth) return true;
    for (const child of Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

function badRequest(message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message });
}
