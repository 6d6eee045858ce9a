import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyRepository } from '@genesys-bridge/persistence';
import { MetadataServiceEnv } from '../config/metadata-service.env';
import { ACCESS_METADATA, type AccessRule, DEFAULT_ACCESS_RULE } from './access.decorator';
import { type ApiKeyPrincipal, type ApiKeyRequest, bootstrapPrincipal, canSeeConnection } from './api-key-principal';
import { API_KEY_HEADER, presentedApiKeys } from '@genesys-bridge/service-runtime';

export const INVALID_API_KEY_MESSAGE = `missing or invalid API key (Authorization: Bearer <key> or ${API_KEY_HEADER}: <key>)`;
export const READ_ONLY_MESSAGE = 'this API key is read-only; the operation needs an admin key';
export const ALL_CONNECTIONS_MESSAGE = 'this API key is bound to one connection; the operation needs a key for all connections';
/** `last_used_at` is written at most this often per key and process, so reads do not become writes. */
export const LAST_USED_WRITE_INTERVAL_MS = 60_000;

/**
 * Authenticates the metadata service's admin API: the key from `Authorization: Bearer <key>` or `x-api-key` is an
 * unrevoked key of the `api_keys` table (looked up by its SHA-256, so the key never reaches the database) or
 * `ADMIN_BOOTSTRAP_KEY` (compared digest to digest in constant time). Then, in this order:
 * - a key bound to another connection than the route's `:connectionId` (or `?connectionId=`) gets 404, exactly what
 *   an unknown connection gets, so a tenant cannot learn which other connections exist;
 * - `@Access('write')` needs scope `admin` (403 otherwise), `allConnections` a key not bound to a connection.
 * The key's identity is on the request for `@CurrentApiKey()` and the audit log.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly logger = new Logger(ApiKeyGuard.name);
  private readonly bootstrapDigest: Buffer | null;
  private readonly lastUsedWrites = new Map<string, number>();

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyRepository,
    @Inject(MetadataServiceEnv) env: MetadataServiceEnv,
  ) {
    this.bootstrapDigest = env.ADMIN_BOOTSTRAP_KEY ? digest(env.ADMIN_BOOTSTRAP_KEY) : null;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]) ?? DEFAULT_ACCESS_RULE;
    const request = context.switchToHttp().getRequest<ApiKeyRequest>();
    const presented = presentedApiKeys(request.headers);
    const principal = await this.authenticate(presented);
    if (!principal) {
      this.logger.warn({ keyPresent: presented.length > 0 }, 'admin API call refused: missing or invalid API key');
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: INVALID_API_KEY_MESSAGE });
    }
    const connectionId = routeConnectionId(request);
    if (connectionId !== undefined && !canSeeConnection(principal, connectionId)) {
      throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `unknown connection ${connectionId.slice(0, 64)}` });
    }
    if (rule.level === 'write' && principal.scope !== 'admin') throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: READ_ONLY_MESSAGE });
    if (rule.allConnections && principal.connectionId !== null) throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: ALL_CONNECTIONS_MESSAGE });
    request.apiKey = principal;
    this.recordUse(principal);
    return true;
  }

  private async authenticate(presented: string[]): Promise<ApiKeyPrincipal | null> {
    for (const key of presented) {
      if (this.bootstrapDigest && timingSafeEqual(digest(key), this.bootstrapDigest)) return bootstrapPrincipal();
      let record;
      try {
        record = await this.keys.findActiveByKey(key);
      } catch (error) {
        this.logger.error({ error: (error as Error).message }, 'could not read the API keys');
        throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: 'the API keys could not be read; retry later' });
      }
      if (record) return { id: record.id, name: record.name, scope: record.scope, connectionId: record.connectionId };
    }
    return null;
  }

  /** Best effort and throttled: a failed `last_used_at` write never fails the request. */
  private recordUse(principal: ApiKeyPrincipal): void {
    if (!principal.id) return;
    const now = Date.now();
    if (now - (this.lastUsedWrites.get(principal.id) ?? 0) < LAST_USED_WRITE_INTERVAL_MS) return;
    this.lastUsedWrites.set(principal.id, now);
    this.keys.markUsed(principal.id, new Date(now)).catch((error: Error) => this.logger.warn({ apiKeyId: principal.id, error: error.message }, 'could not record the use of an API key'));
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The connection a request is about, from the route (`:connectionId`) or the query (`?connectionId=`). */
function routeConnectionId(request: ApiKeyRequest): string | undefined {
  const fromParams = (request.params as Record<string, unknown> | undefined)?.['connectionId'];
  if (typeof fromParams === 'string') return fromParams;
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.['connectionId'];
  return typeof fromQuery === 'string' && fromQuery !== '' ? fromQuery : undefined;
}
