import { buildTurn, sessionClosureResponse, syncResponse } from './kore-response.builder';

const settings = {
  templateEncoding: 'string' as const,
  templateItemType: 'text' as const,
  syncAgentTransfer: 'allow' as const,
  agentTransferSignal: 'data-item' as const,
  agentTransferTaskName: 'Agent Transfer',
};
const now = new Date('2026-01-02T03:04:05.000Z');
const template = { type: 'template', payload: { template_type: 'button', text: 't', buttons: [] } };
const handover = { QueueName: 'Q', GenesysMetaData: { a: { b: 1 } } };

describe('Kore turn building', () => {
  it('turns strings, texts and templates into data items', () => {
    const { items, task } = buildTurn(['one', { text: 'two' }, { template }], undefined, settings, now);
    expect(items.map((item) => [item.type, item.val])).toEqual([
      ['text', 'one'],
      ['text', 'two'],
      ['text', JSON.stringify(template)],
    ]);
    expect(items.every((item) => item.createdOn === now.toISOString() && item.messageId.startsWith('ms-'))).toBe(true);
    expect(new Set(items.map((item) => item.messageId)).size).toBe(3);
    expect(task).toEqual({ endOfTask: false });
  });

  it('encodes templates as objects by option, rule or output, and types them by templateItemType', () => {
    expect(buildTurn([{ template }], undefined, { ...settings, templateEncoding: 'object' }, now).items[0].val).toEqual(template);
    expect(buildTurn([{ template }], { match: { any: true }, templateEncoding: 'object' }, settings, now).items[0].val).toEqual(template);
    expect(buildTurn([{ template, encoding: 'object' }], undefined, settings, now).items[0].val).toEqual(template);
    expect(buildTurn([{ template }], undefined, { ...settings, templateItemType: 'template' }, now).items[0].type).toBe('template');
  });

  it('copies the rule task fields', () => {
    const rule = { match: { any: true as const }, endOfTask: true, endReason: 'Fulfilled', completedTaskId: 'dg-1', completedTaskName: 'T' };
    expect(buildTurn([], rule, settings, now).task).toEqual({ endOfTask: true, endReason: 'Fulfilled', completedTaskId: 'dg-1', completedTaskName: 'T' });
  });

  it('emits the agent transfer as a data item or as the end of the agent-transfer task', () => {
    const asItem = buildTurn([{ agentTransfer: handover }], undefined, settings, now);
    expect(asItem.requestedTransfer).toBe(true);
    expect(JSON.parse(asItem.items[0].val as string)).toEqual({ type: 'agent_transfer', payload: handover });

    const asTask = buildTurn([{ agentTransfer: handover, metaDataAs: 'string' }], undefined, { ...settings, agentTransferSignal: 'end-of-task' }, now);
    expect(asTask.task).toEqual({ endOfTask: true, completedTaskName: 'Agent Transfer' });
    expect(JSON.parse(asTask.items[0].val as string)).toEqual({ QueueName: 'Q', GenesysMetaData: JSON.stringify(handover.GenesysMetaData) });
  });

  it('drops the agent transfer in "drop" and "error" modes but reports that it was asked for', () => {
    for (const mode of ['drop', 'error'] as const) {
      const built = buildTurn(['bye', { agentTransfer: handover }], undefined, { ...settings, syncAgentTransfer: mode }, now);
      expect(built.items.map((item) => item.val)).toEqual(['bye']);
      expect(built.requestedTransfer).toBe(true);
    }
  });

  it('builds sync and SESSION_CLOSURE answers', () => {
    expect(syncResponse('u', 'st-1', [], { endOfTask: false }, 'p1')).toEqual({ to: 'u', from: 'st-1', data: [], _v: 'v2', endOfTask: false, pollId: 'p1' });
    expect(sessionClosureResponse('u', 'st-1', false, now).data[0]).toMatchObject({ type: 'event', val: 'SESSION_CLOSURE', eventType: 'SESSION_CLOSURE_IGNORED' });
  });
});
