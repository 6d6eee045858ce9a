import { type ExecutionContext, ForbiddenException, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiKeyRecord, ApiKeyRepository } from '@genesys-bridge/persistence';
import type { MetadataServiceEnv } from '../config/metadata-service.env';
import { ACCESS_METADATA, type AccessRule } from './access.decorator';
import type { ApiKeyRequest } from './api-key-principal';
import { ApiKeyGuard } from './api-key.guard';
import { presentedApiKeys } from '@genesys-bridge/service-runtime';

const CONNECTION_A = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const CONNECTION_B = '7a2d3b4c-5e6f-4a70-9b8c-0d1e2f3a4b5c';
const BOOTSTRAP = 'bootstrap-key-0123456789-0123456789-abcdef';

const record = (overrides: Partial<ApiKeyRecord>): ApiKeyRecord => ({
  id: 'key-id',
  name: 'ops',
  scope: 'admin',
  connectionId: null,
  createdAt: new Date(),
  revokedAt: null,
  lastUsedAt: null,
  ...overrides,
});

const KEYS: Record<string, ApiKeyRecord> = {
  'gbk_admin-all': record({ id: 'admin-all', name: 'admin all' }),
  'gbk_read-all': record({ id: 'read-all', scope: 'read-only' }),
  'gbk_admin-a': record({ id: 'admin-a', connectionId: CONNECTION_A }),
  'gbk_read-a': record({ id: 'read-a', scope: 'read-only', connectionId: CONNECTION_A }),
};

function guard(bootstrap?: string) {
  const used: string[] = [];
  const keys = {
    findActiveByKey: async (key: string) => KEYS[key] ?? null,
    markUsed: async (id: string) => void used.push(id),
  } as unknown as ApiKeyRepository;
  return { guard: new ApiKeyGuard(new Reflector(), keys, { ADMIN_BOOTSTRAP_KEY: bootstrap } as MetadataServiceEnv), used };
}

function call(rule: AccessRule | undefined, headers: Record<string, string>, params: Record<string, string> = {}, query: Record<string, string> = {}) {
  const handler = () => undefined;
  if (rule) Reflect.defineMetadata(ACCESS_METADATA, rule, handler);
  const request = { headers, params, query } as unknown as ApiKeyRequest;
  const context = { getHandler: () => handler, getClass: () => class {}, switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
  return { context, request };
}

const read: AccessRule = { level: 'read', allConnections: false };
const write: AccessRule = { level: 'write', allConnections: false };
const create: AccessRule = { level: 'write', allConnections: true };

describe('ApiKeyGuard', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('answers 401 without a key, with an unknown key and with a key in the wrong scheme', async () => {
    const { guard: g } = guard(BOOTSTRAP);
    for (const headers of <Record<string, string>[]>[{}, { authorization: 'Bearer gbk_nope' }, { 'x-api-key': 'gbk_nope' }, { authorization: 'Basic gbk_admin-all' }, { authorization: 'gbk_admin-all' }]) {
      await expect(g.canActivate(call(read, headers).context)).rejects.toBeInstanceOf(UnauthorizedException);
    }
  });

  it('accepts a key as Bearer or x-api-key and puts who it is on the request', async () => {
    const { guard: g, used } = guard();
    for (const headers of <Record<string, string>[]>[{ authorization: 'Bearer gbk_admin-all' }, { 'x-api-key': 'gbk_admin-all' }]) {
      const { context, request } = call(write, headers);
      await expect(g.canActivate(context)).resolves.toBe(true);
      expect(request.apiKey).toEqual({ id: 'admin-all', name: 'admin all', scope: 'admin', connectionId: null });
    }
    expect(used).toEqual(['admin-all']); // throttled: one write per key per minute
  });

  it('accepts ADMIN_BOOTSTRAP_KEY as an admin key for every connection, only when it is set', async () => {
    const { context, request } = call(create, { authorization: `Bearer ${BOOTSTRAP}` });
    await expect(guard(BOOTSTRAP).guard.canActivate(context)).resolves.toBe(true);
    expect(request.apiKey).toEqual({ id: null, name: 'ADMIN_BOOTSTRAP_KEY', scope: 'admin', connectionId: null });
    await expect(guard().guard.canActivate(call(read, { authorization: `Bearer ${BOOTSTRAP}` }).context)).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(guard(BOOTSTRAP).guard.canActivate(call(read, { authorization: `Bearer ${BOOTSTRAP}x` }).context)).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('lets a read-only key read and refuses it every write (403); a route without @Access needs write', async () => {
    const { guard: g } = guard();
    await expect(g.canActivate(call(read, { 'x-api-key': 'gbk_read-all' }).context)).resolves.toBe(true);
    await expect(g.canActivate(call(write, { 'x-api-key': 'gbk_read-all' }).context)).rejects.toBeInstanceOf(ForbiddenException);
    await expect(g.canActivate(call(undefined, { 'x-api-key': 'gbk_read-all' }).context)).rejects.toBeInstanceOf(ForbiddenException);
    await expect(g.canActivate(call(write, { 'x-api-key': 'gbk_read-a' }, { connectionId: CONNECTION_A }).context)).rejects.toBeInstanceOf(ForbiddenException);
  });

  it("answers 404 — as for an unknown connection — when a key bound to A is used on B's route or query", async () => {
    const { guard: g } = guard();
    for (const key of ['gbk_admin-a', 'gbk_read-a']) {
      await expect(g.canActivate(call(read, { 'x-api-key': key }, { connectionId: CONNECTION_A }).context)).resolves.toBe(true);
      await expect(g.canActivate(call(read, { 'x-api-key': key }, { connectionId: CONNECTION_B }).context)).rejects.toBeInstanceOf(NotFoundException);
      await expect(g.canActivate(call(write, { 'x-api-key': key }, { connectionId: CONNECTION_B }).context)).rejects.toBeInstanceOf(NotFoundException);
      await expect(g.canActivate(call(read, { 'x-api-key': key }, {}, { connectionId: CONNECTION_B }).context)).rejects.toBeInstanceOf(NotFoundException);
    }
    await expect(g.canActivate(call(read, { 'x-api-key': 'gbk_read-all' }, { connectionId: CONNECTION_B }).context)).resolves.toBe(true);
  });

  it('keeps operations for every connection (creating one) to keys not bound to a connection', async () => {
    const { guard: g } = guard();
    await expect(g.canActivate(call(create, { 'x-api-key': 'gbk_admin-all' }).context)).resolves.toBe(true);
    await expect(g.canActivate(call(create, { 'x-api-key': 'gbk_admin-a' }).context)).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('reads keys from both headers, ignoring empty and oversized ones', () => {
    expect(presentedApiKeys({ authorization: 'Bearer  a ', 'x-api-key': ' b' })).toEqual(['a', 'b']);
    expect(presentedApiKeys({ authorization: 'Bearer ', 'x-api-key': 'x'.repeat(513) })).toEqual([]);
  });
});
