import { type LookupAddress } from 'node:dns';
import { assertPublicUrl, checkUrlStatically, createGuardedLookup, type HostResolver, isPrivateAddress, SSRF_BLOCKED, UnsafeUrlError } from './ssrf-guard';

const resolvesTo =
  (...addresses: string[]): HostResolver =>
  async () =>
    addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.254',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a00:1',
    '2002:c0a8:101::1',
    '[::1]',
    'not-an-ip',
  ])('%s is refused', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])(
    '%s is public',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe('checkUrlStatically', () => {
  it('accepts https to a public host name or IP', () => {
    expect(checkUrlStatically('https://bot.example.com/x', false).host).toBe('bot.example.com');
    expect(checkUrlStatically('https://8.8.8.8/', false).hostname).toBe('8.8.8.8');
  });

  it.each([
    ['http://bot.example.com/', 'scheme'],
    ['ftp://bot.example.com/', 'scheme'],
    ['https://127.0.0.1/', 'private-address'],
    ['https://[::1]/', 'private-address'],
    ['https://[::ffff:192.168.0.1]/', 'private-address'],
    ['not a url', 'invalid-url'],
  ])('refuses %s without allowPrivate (%s)', (url, reason) => {
    expect(() => checkUrlStatically(url, false)).toThrow(expect.objectContaining({ reason }));
  });

  it('allows http and private literals with allowPrivate, but still not other schemes', () => {
    expect(checkUrlStatically('http://127.0.0.1:8080/x', true).port).toBe('8080');
    expect(() => checkUrlStatically('file:///etc/passwd', true)).toThrow(UnsafeUrlError);
  });

  it('never puts the URL path (where tokens live) into the message', () => {
    expect(() => checkUrlStatically('http://bot.example.com/very-secret-token', false)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('very-secret-token') }),
    );
  });
});

describe('assertPublicUrl', () => {
  it('passes when every address is public', async () => {
    await expect(assertPublicUrl('https://bot.example.com/', { allowPrivate: false, resolve: resolvesTo('8.8.8.8', '2606:4700::1') })).resolves.toBeInstanceOf(URL);
  });

  it('refuses a host when any of its addresses is private', async () => {
    await expect(assertPublicUrl('https://bot.example.com/', { allowPrivate: false, resolve: resolvesTo('8.8.8.8', '10.0.0.5') })).rejects.toMatchObject({
      reason: 'private-address',
    });
  });

  it('refuses a host that does not resolve', async () => {
    const resolve: HostResolver = () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }));
    await expect(assertPublicUrl('https://nowhere.invalid/', { allowPrivate: false, resolve })).rejects.toMatchObject({ reason: 'unresolvable' });
  });

  it('resolves localhost for real and refuses it', async () => {
    await expect(assertPublicUrl('https://localhost/', { allowPrivate: false })).rejects.toMatchObject({ reason: 'private-address' });
  });

  it('does not resolve at all with allowPrivate', async () => {
    const resolve = jest.fn(resolvesTo('10.0.0.1'));
    await expect(assertPublicUrl('http://bot.internal/', { allowPrivate: true, resolve })).resolves.toBeInstanceOf(URL);
    expect(resolve).not.toHaveBeenCalled();
  });
});

describe('createGuardedLookup (connect-time check against DNS rebinding)', () => {
  const lookupWith = (resolve: HostResolver, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>((done) => {
      createGuardedLookup(resolve)('bot.example.com', { all }, (error, address, family) => done({ error, address, family }));
    });

  it('hands the checked addresses to the socket, in both callback forms', async () => {
    await expect(lookupWith(resolvesTo('8.8.8.8', '1.1.1.1'), true)).resolves.toMatchObject({
      error: null,
      address: [
        { address: '8.8.8.8', family: 4 },
        { address: '1.1.1.1', family: 4 },
      ],
    });
    await expect(lookupWith(resolvesTo('8.8.8.8'), false)).resolves.toMatchObject({ error: null, address: '8.8.8.8', family: 4 });
  });

  it('fails with SSRF_BLOCKED when the name now points at a private address', async () => {
    const answers = [['8.8.8.8'], ['127.0.0.1']];
    const rebinding: HostResolver = async () => (answers.shift() ?? []).map((address) => ({ address, family: 4 }));
    expect((await lookupWith(rebinding, true)).error).toBeNull();
    expect((await lookupWith(rebinding, true)).error).toMatchObject({ code: SSRF_BLOCKED });
  });

  it('passes resolver failures through', async () => {
    const resolve: HostResolver = () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }));
    expect((await lookupWith(resolve, false)).error).toMatchObject({ code: 'ENOTFOUND' });
  });
});
