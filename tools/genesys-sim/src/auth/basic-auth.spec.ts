import { parseBasicAuthorization } from './basic-auth';

const encode = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('parseBasicAuthorization', () => {
  it('splits id and secret at the first colon', () => {
    expect(parseBasicAuthorization(`Basic ${encode('client-1:se:cret')}`)).toEqual({ username: 'client-1', password: 'se:cret' });
  });

  it('accepts the scheme in any case', () => {
    expect(parseBasicAuthorization(`basic ${encode('a:b')}`)).toEqual({ username: 'a', password: 'b' });
  });

  it.each([undefined, '', 'Bearer abc', `Basic ${encode('no-colon')}`, `Basic ${encode(':secret-only')}`])(
    'rejects %p',
    (header) => {
      expect(parseBasicAuthorization(header)).toBeUndefined();
    },
  );
});
