/** OpenAPI shapes of the registry's error answers (the same as the other APIs of this repository). */
export const ERROR_SCHEMA = {
  type: 'object',
  properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } },
};

export const VALIDATION_ERROR_SCHEMA = {
  type: 'object',
  properties: {
    ...ERROR_SCHEMA.properties,
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string', example: 'botPlatformSettings.endpointBaseUrl' }, problems: { type: 'array', items: { type: 'string' } } } },
    },
  },
};
