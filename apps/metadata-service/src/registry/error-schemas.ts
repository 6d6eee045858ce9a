import { validationErrorSchema } from '@genesys-bridge/service-runtime';

/** OpenAPI shapes of the registry's error answers (the same as the other APIs of this repository). */
export { ERROR_SCHEMA } from '@genesys-bridge/service-runtime';
export const VALIDATION_ERROR_SCHEMA = validationErrorSchema('botPlatformSettings.endpointBaseUrl');
