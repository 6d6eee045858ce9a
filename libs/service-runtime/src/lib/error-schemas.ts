/** OpenAPI shape of every error answer of our APIs (Nest's `{statusCode, error, message}`). */
export const ERROR_SCHEMA = {
  type: 'object',
  properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } },
};

/** OpenAPI shape of a 400 from `createValidationPipe`: the problems listed by field path (`examplePath` documents one). */
export function validationErrorSchema(examplePath: string): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      ...ERROR_SCHEMA.properties,
      errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string', example: examplePath }, problems: { type: 'array', items: { type: 'string' } } } } },
    },
  };
}
