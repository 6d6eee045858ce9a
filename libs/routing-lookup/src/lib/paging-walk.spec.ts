import { findByName, isLastPage, type ListingPage } from './paging-walk';

/** A listing that ignores the filter: every call returns the next slice of `names`. */
function listing(names: string[], { withPageCount = true } = {}) {
  const calls: number[] = [];
  const fetchPage = async (pageNumber: number, pageSize: number): Promise<ListingPage> => {
    calls.push(pageNumber);
    const entities = names.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((name, index) => ({ id: `${pageNumber}-${index}`, name }));
    return withPageCount ? { entities, pageSize, pageCount: Math.ceil(names.length / pageSize) } : { entities, pageSize };
  };
  return { fetchPage, calls };
}

const filler = (count: number) => Array.from({ length: count }, (_, index) => `Billing ${index}`);

describe('findByName', () => {
  it('stops at the first page holding an exact match', async () => {
    const { fetchPage, calls } = listing(['Billing', ...filler(30)]);
    const walk = await findByName(fetchPage, 'Billing', { pageSize: 10, maxPages: 20 });
    expect(walk).toEqual({ resolution: { found: true, id: '1-0', name: 'Billing', matchedBy: 'exact' }, pagesRead: 1, truncated: false });
    expect(calls).toEqual([1]);
  });

  it('reads every page when only a case-insensitive match exists, and uses it when it is the only one', async () => {
    const { fetchPage, calls } = listing([...filler(25), 'BILLING']);
    const walk = await findByName(fetchPage, 'billing', { pageSize: 10, maxPages: 20 });
    expect(walk.resolution).toMatchObject({ found: true, name: 'BILLING', matchedBy: 'case-insensitive' });
    expect(calls).toEqual([1, 2, 3]);
  });

  it('knows the last page without pageCount from a short page, and from an empty one', async () => {
    const short = listing(filler(15), { withPageCount: false });
    expect((await findByName(short.fetchPage, 'Nope', { pageSize: 10, maxPages: 20 })).pagesRead).toBe(2);
    const exact = listing(filler(20), { withPageCount: false });
    expect((await findByName(exact.fetchPage, 'Nope', { pageSize: 10, maxPages: 20 })).pagesRead).toBe(3);
    expect(exact.calls).toEqual([1, 2, 3]);
  });

  it('stops after maxPages and says the answer may be incomplete', async () => {
    const { fetchPage, calls } = listing(filler(100));
    const walk = await findByName(fetchPage, 'Nope', { pageSize: 10, maxPages: 3 });
    expect(walk).toEqual({ resolution: { found: false }, pagesRead: 3, truncated: true });
    expect(calls).toEqual([1, 2, 3]);
  });

  it('propagates a failing page', async () => {
    await expect(findByName(async () => Promise.reject(new Error('429')), 'Billing', { pageSize: 10, maxPages: 3 })).rejects.toThrow('429');
  });
});

describe('isLastPage', () => {
  it('reads pageCount first, then the page size', () => {
    expect(isLastPage({ pageCount: 3 }, 3, 10, 10)).toBe(true);
    expect(isLastPage({ pageCount: 3 }, 2, 10, 10)).toBe(false);
    expect(isLastPage({ pageSize: 25 }, 1, 24, 100)).toBe(true);
    expect(isLastPage({}, 1, 0, 100)).toBe(true);
  });
});
