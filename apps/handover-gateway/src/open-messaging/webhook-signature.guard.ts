import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  Logger,
  NotFoundException,
  type RawBodyRequest,
  ServiceUnavailableException,
  UnauthorizedException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ConnectionRepository, type WebhookSecrets } from '@genesys-bridge/persistence';
import { HUB_SIGNATURE_HEADER, verifyHubSignature } from '@genesys-bridge/signatures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type WebhookRequest = RawBodyRequest<FastifyRequest>;

export const INVALID_SIGNATURE_MESSAGE = `missing or invalid ${HUB_SIGNATURE_HEADER} signature`;
export const NO_WEBHOOK_SECRET_MESSAGE =
  'no webhook secret is configured for this connection, so every webhook call is refused; set one and give it to the Genesys integration';

/**
 * Authenticates Genesys on the Open Messaging webhook before the body is validated or stored:
 * `X-Hub-Signature-256` must be `sha256=` + base64 HMAC-SHA256 of the exact request bytes (genesys-api.md
 * §2.6) under the connection's current or previous webhook secret, compared in constant time. Secrets are
 * per connection, so tenant A's secret never opens tenant B's webhook. Fastify's JSON parser (bounded by
 * BODY_LIMIT_BYTES, prototype-poisoning checks on) runs before any route code, so a body that is not JSON
 * at all gets its 400 before this guard; nothing of ours reads it before the signature is checked.
 */
@Injectable()
export class WebhookSignatureGuard implements CanActivate {
  private readonly logger = new Logger(WebhookSignatureGuard.name);

  constructor(private readonly connections: ConnectionRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WebhookRequest>();
    const connectionId = (request.params as { connectionId?: string }).connectionId ?? '';
    const secrets = UUID.test(connectionId) ? await this.secretsOf(connectionId) : null;
    if (!secrets) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `unknown connection ${connectionId.slice(0, 64)}` });
    if (!secrets.webhookSecret) {
      this.logger.warn({ connectionId }, 'Open Messaging webhook call refused: the connection has no webhook secret');
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: NO_WEBHOOK_SECRET_MESSAGE });
    }
    const header = request.headers[HUB_SIGNATURE_HEADER];
    const rawBody = request.rawBody;
    if (typeof header === 'string' && header !== '' && !Buffer.isBuffer(rawBody)) {
      throw new UnsupportedMediaTypeException({ statusCode: 415, error: 'Unsupported Media Type', message: 'the webhook body must be application/json' });
    }
    if (typeof header !== 'string' || !Buffer.isBuffer(rawBody) || !verifyHubSignature(rawBody, header, [secrets.webhookSecret, secrets.webhookSecretPrevious])) {
      this.logger.warn({ connectionId, signaturePresent: typeof header === 'string' }, 'Open Messaging webhook call refused: bad signature');
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: INVALID_SIGNATURE_MESSAGE });
    }
    return true;
  }

  /** The connection's webhook secrets, null when it does not exist or is disabled; 503 when they cannot be read (Genesys retries). */
  private async secretsOf(connectionId: string): Promise<WebhookSecrets | null> {
    try {
      const secrets = await this.connections.readWebhookSecrets(connectionId);
      if (secrets?.disabled) this.logger.warn({ connectionId }, 'Open Messaging webhook call refused: the connection is disabled (tenant registry)');
      return secrets && !secrets.disabled ? secrets : null;
    } catch (error) {
      this.logger.error({ connectionId, error: (error as Error).message }, 'could not read the connection for an Open Messaging webhook call');
      throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: 'the connection could not be read; retry later' });
    }
  }
}
