import { startSimFixture, type SimFixture } from '../testing/sim-fixture';
import type { EntityListing } from './paging';

type Listing = EntityListing<{ id: string; name: string; selfUri: string }>;

const QUEUE_NAMES = ['Support', 'Support VIP', 'Tier 2 Support', 'support', 'Sales', 'Billing'];

describe('routing lookups', () => {
  let fixture: SimFixture;

  afterEach(async () => {
    await fixture.close();
  });

  const queues = async (query: string) => fixture.api.call<Listing>('GET', `/api/v2/routing/queues${query}`);
  const names = async (query: string) => (await queues(query)).body.entities.map((entity) => entity.name);

  it('filters queue names exactly by default and with leading/trailing wildcards (case-insensitive by default)', async () => {
    fixture = await startSimFixture({ queues: QUEUE_NAMES.map((name) => ({ name })) });
    expect(await names('?name=Support')).toEqual(['Support', 'support']);
    expect(await names('?name=Support*')).toEqual(['Support', 'Support VIP', 'support']);
    expect(await names('?name=*Support')).toEqual(['Support', 'Tier 2 Support', 'support']);
    expect(await names('?name=*VIP*')).toEqual(['Support VIP']);
    expect(await names('?name=Supp')).toEqual([]);
  });

  it('matches case-sensitively with queueNameCaseSensitive=true (UNCONFIRMED)', async () => {
    fixture = await startSimFixture({ queues: QUEUE_NAMES.map((name) => ({ name })), queueNameCaseSensitive: true });
    expect(await names('?name=Support')).toEqual(['Support']);
    expect(await names('?name=support*')).toEqual(['support']);
  });

  it('pages with Genesys paging fields and URIs', async () => {
    const many = Array.from({ length: 53 }, (_, index) => ({ name: `Queue ${String(index + 1).padStart(2, '0')}` }));
    fixture = await startSimFixture({ queues: many });
    const first = await queues('');
    expect(first.body).toMatchObject({ pageSize: 25, pageNumber: 1, total: 53, pageCount: 3 });
    expect(first.body.entities).toHaveLength(25);
    expect(first.body.previousUri).toBeUndefined();
    expect(first.body.nextUri).toBe('/api/v2/routing/queues?pageSize=25&pageNumber=2');

    const last = await queues('?pageSize=25&pageNumber=3&name=Queue*');
    expect(last.body.entities.map((entity) => entity.name)).toEqual(['Queue 51', 'Queue 52', 'Queue 53']);
    expect(last.body.nextUri).toBeUndefined();
    expect(last.body.previousUri).toBe('/api/v2/routing/queues?pageSize=25&pageNumber=2&name=Queue*');
    expect(last.body.lastUri).toBe(last.body.selfUri);

    const descending = await queues('?pageSize=2&sortOrder=desc');
    expect(descending.body.entities.map((entity) => entity.name)).toEqual(['Queue 53', 'Queue 52']);
    expect(descending.body.pageCount).toBe(27);

    const beyond = await queues('?pageNumber=9');
    expect(beyond.body).toMatchObject({ entities: [], total: 53, pageCount: 3 });
  });

  it('rejects pageSize above maxPageSize (500 by default) and accepts it when the limit is off (UNCONFIRMED)', async () => {
    fixture = await startSimFixture({ queues: [{ name: 'Only' }] });
    const tooBig = await queues('?pageSize=501');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body).toMatchObject({ code: 'bad.request', status: 400 });
    expect((await queues('?pageSize=500')).status).toBe(200);
    fixture.sim.options.maxPageSize = null;
    expect((await queues('?pageSize=501')).status).toBe(200);
    expect((await queues('?pageNumber=0')).status).toBe(400);
  });

  it('finds one queue by id, and skills and languages by name prefix', async () => {
    fixture = await startSimFixture({
      queues: [{ id: 'q-1', name: 'Support' }],
      skills: ['Billing', 'Billing Expert', 'Expert Billing'].map((name) => ({ name })),
      languages: ['English', 'English (US)', 'French'].map((name) => ({ name })),
    });
    expect((await fixture.api.call('GET', '/api/v2/routing/queues/q-1')).body).toMatchObject({ id: 'q-1', name: 'Support', selfUri: '/api/v2/routing/queues/q-1' });
    expect((await fixture.api.call('GET', '/api/v2/routing/queues/nope')).status).toBe(404);
    const skills = await fixture.api.call<Listing>('GET', '/api/v2/routing/skills?name=bill');
    expect(skills.body.entities.map((entity) => entity.name)).toEqual(['Billing', 'Billing Expert']);
    const languages = await fixture.api.call<Listing>('GET', '/api/v2/routing/languages?name=English&sortOrder=descending');
    expect(languages.body.entities.map((entity) => entity.name)).toEqual(['English (US)', 'English']);
  });

  it('applies the case rule (UNCONFIRMED) to the skill and language prefix filters too, both ways', async () => {
    const seed = { skills: [{ name: 'Billing' }, { name: 'billing basics' }], languages: [{ name: 'English' }] };
    fixture = await startSimFixture(seed);
    const skillNames = async (query: string) =>
      (await fixture.api.call<Listing>('GET', `/api/v2/routing/skills${query}`)).body.entities.map((entity) => entity.name);
    expect(await skillNames('?name=BILL')).toEqual(['Billing', 'billing basics']);
    fixture.sim.options.queueNameCaseSensitive = true;
    expect(await skillNames('?name=Bill')).toEqual(['Billing']);
    expect((await fixture.api.call<Listing>('GET', '/api/v2/routing/languages?name=english')).body.entities).toEqual([]);
  });

  it('pages a skill prefix filter that matches more than one page', async () => {
    const skills = [...Array.from({ length: 130 }, (_, index) => ({ name: `Billing ${String(index).padStart(3, '0')}` })), { id: 's-exact', name: 'Billing' }];
    fixture = await startSimFixture({ skills });
    const first = await fixture.api.call<Listing>('GET', '/api/v2/routing/skills?name=Billing&pageSize=100');
    expect(first.body).toMatchObject({ total: 131, pageCount: 2, pageSize: 100, pageNumber: 1 });
    expect(first.body.entities[0]?.id).toBe('s-exact');
    expect(first.body.nextUri).toBe('/api/v2/routing/skills?pageSize=100&pageNumber=2&name=Billing');
    const second = await fixture.api.call<Listing>('GET', '/api/v2/routing/skills?name=Billing&pageSize=100&pageNumber=2');
    expect(second.body.entities).toHaveLength(31);
  });

  it('renames queues, skills and languages during a test, in process and over /sim', async () => {
    fixture = await startSimFixture({
      queues: [{ id: 'q-billing', name: 'Billing' }, { id: 'q-new', name: 'Billing (new)' }],
      skills: [{ id: 's-1', name: 'Refunds' }],
      languages: [{ id: 'l-1', name: 'Dutch' }],
    });
    const renamed = fixture.sim.renameQueue('q-billing', 'Billing (old)');
    expect(renamed).toMatchObject({ id: 'q-billing', name: 'Billing (old)' });
    expect(await names('?name=Billing')).toEqual([]);

    const overHttp = await fixture.api.raw<{ id: string; name: string }>('PATCH', '/sim/queues/q-new', { name: 'Billing' });
    expect(overHttp.body).toMatchObject({ id: 'q-new', name: 'Billing' });
    expect((await queues('?name=Billing')).body.entities.map((entity) => entity.id)).toEqual(['q-new']);
    expect((await fixture.api.call('GET', '/api/v2/routing/queues/q-new')).body).toMatchObject({ name: 'Billing' });

    expect((await fixture.api.raw('PATCH', '/sim/skills/s-1', { name: 'Refunds EU' })).status).toBe(200);
    expect((await fixture.api.call<Listing>('GET', '/api/v2/routing/skills?name=Refunds EU')).body.entities.map((entity) => entity.id)).toEqual(['s-1']);
    fixture.sim.renameLanguage('l-1', 'Nederlands');
    expect((await fixture.api.call<Listing>('GET', '/api/v2/routing/languages?name=Ned')).body.entities.map((entity) => entity.id)).toEqual(['l-1']);

    expect((await fixture.api.raw('PATCH', '/sim/queues/nope', { name: 'X' })).status).toBe(404);
    expect((await fixture.api.raw('PATCH', '/sim/queues/q-new', { name: '' })).status).toBe(400);
    expect(() => fixture.sim.renameQueue('nope', 'X')).toThrow(/no queue/);
  });
});
