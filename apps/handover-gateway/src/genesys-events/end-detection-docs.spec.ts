import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGenesysEvent, topicMeaning } from './genesys-event.parser';

/**
 * What docs/end-detection/ ships against the intake: the Data Action's inputs are the fields the parser reads and its
 * request goes to our route with the event key; each Trigger's topic is one end detection acts on, filtered to Open
 * Messaging; a body as the Data Action sends it (every input, empty ones as "") and the README's EventBridge example
 * parse as signals. A field renamed on one side only fails here.
 */

const DOCS = join(__dirname, '../../../../docs/end-detection');
const read = (file: string) => JSON.parse(readFileSync(join(DOCS, file), 'utf8')) as Record<string, unknown>;
const RECEIVED = new Date('2025-06-01T10:00:00.000Z');

interface DataAction {
  config: { request: { requestUrlTemplate: string; requestType: string; headers: Record<string, string>; requestTemplate: string } };
  contract: { input: { inputSchema: { required: string[]; properties: Record<string, { type: string }> } } };
}

interface Trigger {
  topicName: string;
  target: { type: string; workflowTargetSettings: { dataFormat: string } };
  matchCriteria: { jsonPath: string; operator: string; value: string }[];
  eventTTLSeconds: number;
  description: string;
}

describe('docs/end-detection', () => {
  it('the Data Action posts its raw inputs to /genesys/events/{connectionId} with the event key, and every input is read', () => {
    const action = read('report-event.data-action.json') as unknown as DataAction;
    expect(action.config.request).toEqual({
      requestUrlTemplate: '${credentials.baseUrl}/genesys/events/${credentials.connectionId}',
      requestType: 'POST',
      headers: expect.objectContaining({ 'x-api-key': '${credentials.apiKey}' }),
      requestTemplate: '${input.rawRequest}',
    });
    const { properties, required } = action.contract.input.inputSchema;
    expect(required).toEqual(['conversationId', 'topicName']);
    expect(Object.values(properties).every((property) => property.type === 'string')).toBe(true);
    const body = Object.fromEntries(Object.keys(properties).map((name) => [name, '']));
    Object.assign(body, { conversationId: 'c0ffee00-1111-4222-8333-444455556666', topicName: 'v2.detail.events.conversation.{id}.acw', eventTime: '1748772000000', userId: 'u-1' });
    expect(parseGenesysEvent(body, RECEIVED)).toEqual({
      kind: 'signal',
      signal: { genesysConversationId: 'c0ffee00-1111-4222-8333-444455556666', path: 'trigger', kind: 'acw', eventTime: new Date(1748772000000), detail: { userId: 'u-1' } },
    });
  });

  it('ships a Trigger per topic end detection acts on, on Open Messaging conversations, to a workflow with top-level primitives', () => {
    const triggers = readdirSync(DOCS).filter((file) => file.endsWith('.trigger.json'));
    expect(triggers.sort()).toEqual(['trigger-acw.trigger.json', 'trigger-customer-end.trigger.json', 'trigger-user-end.trigger.json']);
    for (const file of triggers) {
      const trigger = read(file) as unknown as Trigger;
      expect(topicMeaning(trigger.topicName)?.kind).toEqual(expect.any(String));
      expect(trigger.target).toMatchObject({ type: 'Workflow', workflowTargetSettings: { dataFormat: 'TopLevelPrimitives' } });
      expect(trigger.matchCriteria).toEqual([
        { jsonPath: 'mediaType', operator: 'Equal', value: 'MESSAGE' },
        { jsonPath: 'messageType', operator: 'Equal', value: 'OPEN' },
      ]);
      expect(trigger.eventTTLSeconds).toBeGreaterThanOrEqual(10);
      expect(trigger.description.length).toBeLessThanOrEqual(512);
    }
  });

  it("the EventBridge rule keeps Open Messaging events, and the README's example event parses", () => {
    expect(read('eventbridge-rule.pattern.json')).toEqual({ source: [{ prefix: 'aws.partner/genesys.com/cloud/' }], detail: { eventBody: { mediaType: ['MESSAGE'], messageType: ['OPEN'] } } });
    const readme = readFileSync(join(DOCS, 'README.md'), 'utf8');
    const example = /```json\n(\{ "version": "0"[\s\S]*?)\n```/.exec(readme)?.[1];
    const event = JSON.parse((example ?? '').replace(/…/g, 'x').replace(/3f1b6c2e-x/g, '3f1b6c2e-8d4a-4b7e-9c1d-2a5e6f7a8b9c')) as Record<string, unknown>;
    expect(parseGenesysEvent(event, RECEIVED)).toMatchObject({ kind: 'signal', signal: { path: 'eventbridge', kind: 'customer-end', genesysConversationId: '3f1b6c2e-8d4a-4b7e-9c1d-2a5e6f7a8b9c' } });
  });
});
