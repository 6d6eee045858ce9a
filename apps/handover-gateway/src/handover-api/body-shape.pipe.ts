import { type ArgumentMetadata, BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** Far deeper than any sensible GenesysMetaData, far shallower than what overflows the validator's recursion. */
export const MAX_BODY_DEPTH = 32;

/**
 * Runs before the validation pipe on the body: it must be a JSON object (absent only where `optional`), nested at
 * most `maxDepth` levels. class-transformer and class-validator walk the body recursively; a body of
 * `{"a":{"a":…}}` in free-form fields such as `genesysMetaData` would otherwise overflow the stack and end in a 500
 * instead of a 400. Iterative, so it cannot overflow itself.
 */
@Injectable()
export class BodyShapePipe implements PipeTransform {
  constructor(private readonly maxDepth = MAX_BODY_DEPTH) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' || value === undefined) return value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('the body must be a JSON object');
    if (depthExceeds(value, this.maxDepth)) throw badRequest(`the body is nested deeper than ${this.maxDepth} levels`);
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
