import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';

/** `read`: any valid key; `write`: a key with scope `admin`. */
export type AccessLevel = 'read' | 'write';

export interface AccessRule {
  level: AccessLevel;
  /** Only keys for every connection (not bound to one), e.g. creating a connection. */
  allConnections: boolean;
}

export const ACCESS_METADATA = 'genesys-bridge:api-key-access';

/** What a route behind `ApiKeyGuard` needs when it has no `@Access`: fail closed. */
export const DEFAULT_ACCESS_RULE: AccessRule = { level: 'write', allConnections: false };

/** OpenAPI security scheme names (registered in the app's docs, see `API_KEY_SECURITY_SCHEMES`). */
export const BEARER_SCHEME = 'api-key-bearer';
export const HEADER_SCHEME = 'api-key-header';

export const API_KEY_SECURITY_SCHEMES: Record<string, object> = {
  [BEARER_SCHEME]: { type: 'http', scheme: 'bearer', description: 'Admin API key: `Authorization: Bearer gbk_…`' },
  [HEADER_SCHEME]: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'Admin API key: `x-api-key: gbk_…`' },
};

/**
 * Declares what an API key needs on a route (or every route of a controller) behind `ApiKeyGuard`:
 * `@UseGuards(ApiKeyGuard) @Access('read')`. A route without it needs `write`. Also documents the key in OpenAPI.
 */
export const Access = (level: AccessLevel, options: { allConnections?: boolean } = {}) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { level, allConnections: options.allConnections ?? false } satisfies AccessRule),
    ApiBearerAuth(BEARER_SCHEME),
    ApiSecurity(HEADER_SCHEME),
    ApiUnauthorizedResponse({ description: 'No API key, or an unknown or revoked one' }),
    ...(level === 'write' || options.allConnections
      ? [ApiForbiddenResponse({ description: options.allConnections ? 'The key is read-only or bound to one connection' : 'The key is read-only' })]
      : []),
  );
