/** Admin API authentication of the metadata service: `@UseGuards(ApiKeyGuard) @Access('read')`, `@CurrentApiKey()`. */
export { Access, API_KEY_SECURITY_SCHEMES, type AccessLevel, type AccessRule } from './access.decorator';
export { ApiKeyGuard, INVALID_API_KEY_MESSAGE } from './api-key.guard';
export { type ApiKeyPrincipal, auditActorOf, canSeeConnection } from './api-key-principal';
export { AuthModule } from './auth.module';
export { CurrentApiKey } from './current-api-key.decorator';
export { API_KEY_HEADER } from '@genesys-bridge/service-runtime';
