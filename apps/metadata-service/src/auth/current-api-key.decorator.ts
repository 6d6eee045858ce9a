import { createParamDecorator, type ExecutionContext, InternalServerErrorException } from '@nestjs/common';
import type { ApiKeyPrincipal, ApiKeyRequest } from './api-key-principal';

/** The API key `ApiKeyGuard` authenticated for this request. */
export const CurrentApiKey = createParamDecorator((_data: unknown, context: ExecutionContext): ApiKeyPrincipal => {
  const key = context.switchToHttp().getRequest<ApiKeyRequest>().apiKey;
  if (!key) throw new InternalServerErrorException('CurrentApiKey used on a route without ApiKeyGuard');
  return key;
});
