import { createHmac } from 'node:crypto';
import { type ExecutionContext, HttpException, Logger } from '@nestjs/common';
import { ConnectionNotFoundError, type ConnectionRepository, type ConnectionSecrets } from '@genesys-bridge/persistence';
import { signHubSignature } from '@genesys-bridge/signatures';
import { INVALID_SIGNATURE_MESSAGE, NO_WEBHOOK_SECRET_MESSAGE, WebhookSignatureGuard } from './webhook-signature.guard';

const CONNECTION_ID = '8a1f1f5e-2f0c-4c47-9a44-1f7a4ad6a1b9';
const CURRENT = 'current-webhook-secret-0123';
const PREVIOUS = 'previous-webhook-secret-0123';
const RAW = Buffer.from('{"id":"m1","text":"h\u00e9llo"}');

function secrets(overrides: Partial<ConnectionSecrets> = {}): ConnectionSecrets {
  return { genesysClientSecret: 's', webhookSecret: CURRENT, webhookSecretPrevious: PREVIOUS, botPlatformSecrets: {}, ...overrides };
}

/** The repository's webhook read, over `read` (which throws ConnectionNotFoundError for an unknown connection). */
function guardWith(read: (id: string) => Promise<ConnectionSecrets>, disabledAt: Date | null = null): WebhookSignatureGuard {
  const readWebhookSecrets = async (id: string) => {
    try {
      const { webhookSecret, webhookSecretPrevious } = await read(id);
      return { disabled: disabledAt !== null, webhookSecret, webhookSecretPrevious };
    } catch (error) {
      if (error instanceof ConnectionNotFoundError) return null;
      throw error;
    }
  };
  return new WebhookSignatureGuard({ readWebhookSecrets } as unknown as ConnectionRepository);
}

/** `rawBody: null` plays a body Fastify parsed without keeping its bytes (a non-JSON content type). */
function contextFor({ connectionId = CONNECTION_ID, headers = {} as Record<string, unknown>, rawBody = RAW as Buffer | null } = {}): ExecutionContext {
  const request = { params: { connectionId }, headers, rawBody: rawBody ?? undefined };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

async function statusOf(guard: WebhookSignatureGuard, context: ExecutionContext): Promise<{ status: number; message?: string }> {
  try {
    return { status: (await guard.canActivate(context)) ? 200 : 403 };
  } catch (error) {
    if (!(error instanceof HttpException)) throw error;
    return { status: error.getStatus(), message: (error.getResponse() as { message: string }).message };
  }
}

describe('WebhookSignatureGuard', () => {
  // Each spec file has its own module registry: this silences only this file.
  beforeAll(() => Logger.overrideLogger(false));

  const guard = guardWith(async (id) => {
    if (id !== CONNECTION_ID) throw new ConnectionNotFoundError(id);
    return secrets();
  });

  it('lets through a signature made with the current or the previous secret, with or without the prefix', async () => {
    for (const secret of [CURRENT, PREVIOUS]) {
      expect(await statusOf(guard, contextFor({ headers: { 'x-hub-signature-256': signHubSignature(RAW, secret) } }))).toEqual({ status: 200 });
    }
    const bare = signHubSignature(RAW, CURRENT).slice('sha256='.length);
    expect((await statusOf(guard, contextFor({ headers: { 'x-hub-signature-256': bare } }))).status).toBe(200);
  });

  it.each([
    ['no header', {}],
    ['another secret', { 'x-hub-signature-256': signHubSignature(RAW, 'another-secret-0123456789') }],
    ['a hex HMAC', { 'x-hub-signature-256': `sha256=${createHmac('sha256', CURRENT).update(RAW).digest('hex')}` }],
    ['an HMAC over re-serialised JSON', { 'x-hub-signature-256': signHubSignature(JSON.stringify(JSON.parse(RAW.toString()), null, 2), CURRENT) }],
    ['an empty header', { 'x-hub-signature-256': '' }],
    ['a repeated header', { 'x-hub-signature-256': [signHubSignature(RAW, CURRENT), signHubSignature(RAW, CURRENT)] }],
  ])('answers 401 to %s', async (_case, headers) => {
    expect(await statusOf(guard, contextFor({ headers }))).toEqual({ status: 401, message: INVALID_SIGNATURE_MESSAGE });
  });

  it('answers 404 to an unknown connection and to an id that is not a uuid, without a lookup for the latter', async () => {
    const lookups: string[] = [];
    const counting = guardWith(async (id) => {
      lookups.push(id);
      throw new ConnectionNotFoundError(id);
    });
    const headers = { 'x-hub-signature-256': signHubSignature(RAW, CURRENT) };
    expect((await statusOf(counting, contextFor({ connectionId: '3b7b7c4e-0000-4000-8000-000000000000', headers }))).status).toBe(404);
    expect((await statusOf(counting, contextFor({ connectionId: '../etc/passwd', headers }))).status).toBe(404);
    expect(lookups).toEqual(['3b7b7c4e-0000-4000-8000-000000000000']);
  });

  it('answers 404, as for an unknown connection, while the connection is disabled', async () => {
    const disabled = guardWith(async () => secrets(), new Date());
    expect((await statusOf(disabled, contextFor({ headers: { 'x-hub-signature-256': signHubSignature(RAW, CURRENT) } }))).status).toBe(404);
  });

  it('refuses everything, saying why, when the connection has no webhook secret', async () => {
    const unconfigured = guardWith(async () => secrets({ webhookSecret: null, webhookSecretPrevious: null }));
    const signedWithNothing = { 'x-hub-signature-256': `sha256=${createHmac('sha256', '').update(RAW).digest('base64')}` };
    expect(await statusOf(unconfigured, contextFor({ headers: signedWithNothing }))).toEqual({ status: 401, message: NO_WEBHOOK_SECRET_MESSAGE });
  });

  it('answers 415 to a signed body that is not JSON (no raw bytes kept) and 503 when the connection cannot be read', async () => {
    const headers = { 'x-hub-signature-256': signHubSignature(RAW, CURRENT) };
    expect((await statusOf(guard, contextFor({ headers, rawBody: null }))).status).toBe(415);
    const broken = guardWith(async () => {
      throw new Error('SQLITE_BUSY: database is locked');
    });
    expect((await statusOf(broken, contextFor({ headers }))).status).toBe(503);
  });
});
