import { inboundMessage } from './sim-api-client';
import type { SimFixture } from './sim-fixture';

/** Starts a conversation with an inbound message (prefetching its id) and connects an agent. */
export async function startConversationWithAgent(fixture: SimFixture, fromId = `customer-${Date.now()}`): Promise<string> {
  const response = await fixture.api.sendInbound(fixture.integration.id, inboundMessage(fromId));
  if (response.status !== 200) throw new Error(`inbound message failed with ${response.status}: ${JSON.stringify(response.body)}`);
  const conversationId = response.body.conversationId as string;
  fixture.sim.agent(conversationId).join();
  return conversationId;
}
