import { allDeliveryQueueNames, deliverConversationDedupId, deliveryPartition, deliveryQueueName } from './delivery.contract';
import { QueueName } from './queue-names';

describe('delivery contract', () => {
  it('maps a conversation to one stable partition queue among the declared ones', () => {
    const name = deliveryQueueName(QueueName.ToGenesys, 'handover-42');
    expect(name).toBe(deliveryQueueName(QueueName.ToGenesys, 'handover-42'));
    expect(allDeliveryQueueNames(QueueName.ToGenesys)).toContain(name);
    expect(name).toMatch(/^to-genesys-p\d{2}$/);
  });

  it('spreads conversations over every partition', () => {
    const used = new Set(Array.from({ length: 2_000 }, (_, i) => deliveryPartition(`conversation-${i}`)));
    expect(used.size).toBe(32);
  });

  it('builds BullMQ-safe de-duplication ids (no colon, not numeric) per conversation', () => {
    const id = deliverConversationDedupId({ v: 1, connectionId: 'c1', conversationKey: 'urn:genesys:conv:1' });
    expect(id).not.toContain(':');
    expect(id).not.toMatch(/^\d+$/);
    expect(id).not.toBe(deliverConversationDedupId({ v: 1, connectionId: 'c1', conversationKey: 'urn:genesys:conv:2' }));
  });
});
