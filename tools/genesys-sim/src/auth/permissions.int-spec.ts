import { SimApiClient } from '../testing/sim-api-client';
import { startSimFixture, type SimFixture } from '../testing/sim-fixture';

describe("OAuth clients' permissions", () => {
  let fixture: SimFixture;

  beforeAll(async () => {
    fixture = await startSimFixture();
    fixture.sim.addClient({ clientId: 'no-routing', clientSecret: 'no-routing-secret', permissions: ['conversation:message:receive'] });
    fixture.sim.addClient({ clientId: 'routing', clientSecret: 'routing-secret', permissions: ['routing:queue:view'] });
  });

  afterAll(async () => {
    await fixture.close();
  });

  it('answers 403 missing.permissions, naming the permission, when a role lacks it', async () => {
    const response = await new SimApiClient(fixture.sim.url, 'no-routing', 'no-routing-secret').call('GET', '/api/v2/routing/queues?pageSize=1');
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'missing.permissions', status: 403, message: expect.stringContaining('[routing:queue:view]') });
  });

  it('lets a client with the permission, or without a permission list (all), list queues', async () => {
    expect((await new SimApiClient(fixture.sim.url, 'routing', 'routing-secret').call('GET', '/api/v2/routing/queues?pageSize=1')).status).toBe(200);
    expect((await fixture.api.call('GET', '/api/v2/routing/queues?pageSize=1')).status).toBe(200);
  });
});
