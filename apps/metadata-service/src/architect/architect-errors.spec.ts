import { HttpStatus } from '@nestjs/common';
import { GenesysApiError } from '@genesys-bridge/genesys-client';
import { InvalidRoutingNameError, RoutingLookupTimeoutError } from '@genesys-bridge/routing-lookup';
import { lookupFailure } from './architect-errors';

const genesys = (kind: GenesysApiError['kind'], status?: number) => new GenesysApiError({ kind, status, message: `Genesys ${kind}` });

describe('lookupFailure', () => {
  it('answers a bad name 400 with the field path', () => {
    const failure = lookupFailure(new InvalidRoutingNameError('queue name must not be blank'));
    expect(failure?.getStatus()).toBe(400);
    expect(failure?.getResponse()).toMatchObject({ errors: [{ path: 'name', problems: ['queue name must not be blank'] }] });
  });

  it('answers refused credentials or requests 502, and 429/5xx/timeouts 503', () => {
    expect(lookupFailure(genesys('auth', 401))?.getStatus()).toBe(HttpStatus.BAD_GATEWAY);
    expect(lookupFailure(genesys('permanent', 403))?.getStatus()).toBe(HttpStatus.BAD_GATEWAY);
    expect(lookupFailure(genesys('rate-limited', 429))?.getStatus()).toBe(503);
    expect(lookupFailure(genesys('transient', 500))?.getStatus()).toBe(503);
    expect(lookupFailure(new RoutingLookupTimeoutError('slow'))?.getStatus()).toBe(503);
  });

  it('leaves anything else to the caller', () => {
    expect(lookupFailure(new Error('database gone'))).toBeNull();
  });
});
