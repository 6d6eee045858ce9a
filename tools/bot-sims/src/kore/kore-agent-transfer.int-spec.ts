import { KORE_DEFAULT_HANDOVER } from './kore-default-script';
import { startKoreFixture, templateOf, type KoreFixture } from '../testing/kore-fixture';
import { SYNC_TRANSFER_UNSUPPORTED } from './kore-webhook.routes';

describe('Kore sync-mode handover conventions (bot-platforms.md §B2, §B6, §B8)', () => {
  let fixture: KoreFixture;

  beforeEach(async () => {
    fixture = await startKoreFixture();
  });

  afterEach(async () => {
    await fixture.close();
  });

  it('"agent": a data item whose val is {type:"agent_transfer", payload} with GenesysMetaData as an object', async () => {
    const { body } = await fixture.say('u', 'agent');
    expect(body.endOfTask).toBe(false);
    expect(body.data[0]).toMatchObject({ type: 'text', val: 'Let me connect you to a human agent.' });
    expect(typeof body.data[1].val).toBe('string');
    const signal = templateOf(body.data[1].val);
    expect(signal).toEqual({ type: 'agent_transfer', payload: KORE_DEFAULT_HANDOVER });
    expect(signal.payload).toMatchObject({ QueueName: 'Support', skills: ['Billing', 'French'], language: 'fr', priority: 5, reason: expect.any(String) });

    fixture.sim.options.templateEncoding = 'object';
    expect((await fixture.say('u', 'agent')).body.data[1].val).toEqual(signal);
  });

  it('"agent string": GenesysMetaData as a JSON string, as agentUtils.setMetaInfo produces', async () => {
    const { body } = await fixture.say('u', 'agent string');
    const payload = templateOf(body.data[1].val).payload as { GenesysMetaData: string };
    expect(typeof payload.GenesysMetaData).toBe('string');
    expect(JSON.parse(payload.GenesysMetaData)).toEqual(KORE_DEFAULT_HANDOVER.GenesysMetaData);
  });

  it('"agent task": endOfTask with completedTaskName "Agent Transfer" and the metadata in a text item', async () => {
    const { body } = await fixture.say('u', 'agent task');
    expect(body).toMatchObject({ endOfTask: true, completedTaskName: 'Agent Transfer' });
    expect(body.data.map((item) => item.type)).toEqual(['text', 'text']);
    const metadata = JSON.parse(body.data[1].val as string) as Record<string, unknown>;
    expect(metadata).toMatchObject({ QueueName: 'Support', skills: ['Billing', 'French'], priority: 5 });
    expect(JSON.parse(metadata.GenesysMetaData as string)).toEqual(KORE_DEFAULT_HANDOVER.GenesysMetaData);
  });

  it('uses the configured task name and the agentTransferSignal default for outputs that do not choose', async () => {
    fixture.sim.options.agentTransferTaskName = 'Escalate To Human';
    fixture.sim.options.agentTransferSignal = 'end-of-task';
    fixture.sim.setScript([{ match: { any: true }, outputs: [{ agentTransfer: { QueueName: 'Sales', GenesysMetaData: '{"a":1}' } }] }]);
    const { body } = await fixture.say('u', 'x');
    expect(body).toMatchObject({ endOfTask: true, completedTaskName: 'Escalate To Human' });
    expect(JSON.parse(body.data[0].val as string)).toEqual({ QueueName: 'Sales', GenesysMetaData: { a: 1 } });
  });

  it('syncAgentTransfer "drop" delivers the rest of the turn without any handover signal', async () => {
    fixture.sim.options.syncAgentTransfer = 'drop';
    for (const text of ['agent', 'agent task']) {
      const { status, body } = await fixture.say('u', text);
      expect(status).toBe(200);
      expect(body.data.map((item) => item.val)).toEqual(['Let me connect you to a human agent.']);
      expect(body.endOfTask).toBe(false);
      expect(body).not.toHaveProperty('completedTaskName');
    }
  });

  it('syncAgentTransfer "error" refuses the turn with 400 "Agent Transfer is not supported in sync mode"', async () => {
    fixture.sim.options.syncAgentTransfer = 'error';
    const response = await fixture.say('u', 'agent');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ msg: SYNC_TRANSFER_UNSUPPORTED, code: 400 }] });
    expect((await fixture.say('u', 'hello')).status).toBe(200);
  });
});
