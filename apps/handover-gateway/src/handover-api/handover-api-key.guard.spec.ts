import { type ExecutionContext, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { type Connection, ConnectionNotFoundError, type ConnectionRepository, type ConnectionSecrets } from '@genesys-bridge/persistence';
import { presentedApiKeys } from '@genesys-bridge/service-runtime';
import { HandoverApiKeyGuard, type HandoverApiRequest, handoverApiKeys } from './handover-api-key.guard';

const CONNECTION_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

function secrets(handoverApiKeys: unknown): ConnectionSecrets {
  return { genesysClientSecret: 's', webhookSecret: null, webhookSecretPrevious: null, botPlatformSecrets: { handoverApiKeys } as unknown as Record<string, string> };
}

function guardWith(stored: ConnectionSecrets | null, disabledAt: Date | null = null) {
  const connections = {
    findById: async (id: string) => (stored ? ({ id, disabledAt } as Connection) : null),
    readSecrets: async (id: string) => {
      if (!stored) throw new ConnectionNotFoundError(id);
      return stored;
    },
  } as unknown as ConnectionRepository;
  return new HandoverApiKeyGuard(connections);
}

function context(headers: Record<string, string>, connectionId = CONNECTION_ID): { context: ExecutionContext; request: HandoverApiRequest } {
  const request = { params: { connectionId }, headers } as unknown as HandoverApiRequest;
  return { request, context: { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext };
}

describe('HandoverApiKeyGuard', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('accepts the current and the previous key, as Bearer or x-api-key, and remembers the connection', async () => {
    const guard = guardWith(secrets(['current-key', 'previous-key']));
    for (const headers of <Record<string, string>[]>[{ authorization: 'Bearer current-key' }, { authorization: 'bearer  previous-key' }, { 'x-api-key': 'current-key' }]) {
      const { context: ctx, request } = context(headers);
      await expect(guard.canActivate(ctx)).resolves.toBe(true);
      expect(request.handoverConnection?.id).toBe(CONNECTION_ID);
    }
  });

  it('refuses missing and wrong keys with 401, and a connection without keys says why', async () => {
    const guard = guardWith(secrets(['current-key']));
    for (const headers of <Record<string, string>[]>[{}, { authorization: 'current-key' }, { authorization: 'Bearer other' }, { 'x-api-key': '' }, { authorization: 'Basic Y3VycmVudC1rZXk=' }]) {
      await expect(guard.canActivate(context(headers).context)).rejects.toBeInstanceOf(UnauthorizedException);
    }
    await expect(guardWith(secrets(undefined)).canActivate(context({ 'x-api-key': 'x' }).context)).rejects.toThrow(/no handover API key is configured/);
  });

  it('answers 404 to an unknown connection and to an id that is not a uuid', async () => {
    await expect(guardWith(null).canActivate(context({ 'x-api-key': 'k' }).context)).rejects.toBeInstanceOf(NotFoundException);
    await expect(guardWith(secrets(['k'])).canActivate(context({ 'x-api-key': 'k' }, 'not-a-uuid').context)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('answers 404, as for an unknown connection, while the connection is disabled', async () => {
    await expect(guardWith(secrets(['k']), new Date()).canActivate(context({ 'x-api-key': 'k' }).context)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('reads the keys as a list, tolerating one string and ignoring junk', () => {
    expect(handoverApiKeys(secrets(['a', '', 3, 'b']))).toEqual(['a', 'b']);
    expect(handoverApiKeys(secrets('single'))).toEqual(['single']);
    expect(handoverApiKeys(secrets(undefined))).toEqual([]);
    expect(presentedApiKeys({ authorization: 'Bearer  a ', 'x-api-key': ' b' })).toEqual(['a', 'b']);
  });
});
