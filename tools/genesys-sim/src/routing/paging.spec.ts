import { GenesysApiError } from '../support/genesys-error';
import { paginate, parsePageRequest } from './paging';

const items = Array.from({ length: 53 }, (_, index) => index + 1);

describe('parsePageRequest', () => {
  it('defaults to page 1 of 25', () => {
    expect(parsePageRequest({}, 500)).toEqual({ pageNumber: 1, pageSize: 25 });
  });

  it('rejects a pageSize above the maximum with a 400 naming pageSize', () => {
    expect(() => parsePageRequest({ pageSize: '501' }, 500)).toThrow(GenesysApiError);
    expect(() => parsePageRequest({ pageSize: '501' }, 500)).toThrow(/pageSize/);
    expect(parsePageRequest({ pageSize: '501' }, null)).toEqual({ pageNumber: 1, pageSize: 501 });
  });

  it.each([['0'], ['-1'], ['abc'], ['1.5']])('rejects pageNumber %p', (pageNumber) => {
    expect(() => parsePageRequest({ pageNumber }, 500)).toThrow(/pageNumber/);
  });
});

describe('paginate', () => {
  it('computes totals, page count and the neighbouring URIs', () => {
    const page = paginate(items, { pageNumber: 2, pageSize: 25 }, '/api/v2/routing/queues', [['name', 'Sup*']]);
    expect(page.entities).toEqual(items.slice(25, 50));
    expect(page).toMatchObject({ total: 53, pageCount: 3, pageNumber: 2, pageSize: 25 });
    expect(page.firstUri).toBe('/api/v2/routing/queues?pageSize=25&pageNumber=1&name=Sup*');
    expect(page.selfUri).toBe('/api/v2/routing/queues?pageSize=25&pageNumber=2&name=Sup*');
    expect(page.nextUri).toBe('/api/v2/routing/queues?pageSize=25&pageNumber=3&name=Sup*');
    expect(page.previousUri).toBe('/api/v2/routing/queues?pageSize=25&pageNumber=1&name=Sup*');
    expect(page.lastUri).toBe('/api/v2/routing/queues?pageSize=25&pageNumber=3&name=Sup*');
  });

  it('has no nextUri on the last page and no previousUri on the first', () => {
    const last = paginate(items, { pageNumber: 3, pageSize: 25 }, '/x');
    expect(last.entities).toEqual([51, 52, 53]);
    expect(last.nextUri).toBeUndefined();
    const first = paginate(items, { pageNumber: 1, pageSize: 25 }, '/x');
    expect(first.previousUri).toBeUndefined();
  });

  it('returns an empty page with pageCount 0 for no results', () => {
    const empty = paginate([], { pageNumber: 1, pageSize: 25 }, '/x');
    expect(empty).toMatchObject({ entities: [], total: 0, pageCount: 0 });
    expect(empty.nextUri).toBeUndefined();
  });
});
