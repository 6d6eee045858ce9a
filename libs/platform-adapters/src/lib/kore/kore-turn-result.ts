import { type BotTurnResult, type HandoverRequest, parseKoreMessages } from '@genesys-bridge/content-conversion';
import { parseHandoverPayload } from '../handover-signal';
import { isRecord, type JsonRecord, nonEmptyString, recordOrJsonRecord } from '../json-values';

/** Everything one turn produced: the `data[]` items of the webhook answer and of every poll, in order. */
export interface KoreTurnCollection {
  data: unknown[];
  endOfTask: boolean;
  completedTaskName?: string;
}

/** Keys that make a bare JSON object a routing payload (the fields `parseHandoverPayload` reads). */
const ROUTING_KEYS = ['QueueName', 'queueName', 'skills', 'language', 'priority', 'GenesysMetaData', 'genesysMetaData', 'reason'];

/**
 * Builds the turn result from Kore's messages.
 * - Handover (agent transfer is not supported in sync mode, so the bot signals it, bot-platforms.md §B8):
 *   1. a `data[]` item whose `val` (object or JSON string) is `{"type":"agent_transfer","payload":{…routing}}`;
 *      the item is not shown. The first such item wins; later ones are ignored with a warning.
 *   2. otherwise `endOfTask: true` with `completedTaskName` in `agentTransferTaskNames`. If an item of the turn is a
 *      bare routing object (a JSON object without `type` holding `QueueName`, `skills`, `GenesysMetaData`… — what a
 *      transfer task's last message can carry), the last such item supplies the routing and is not shown; else the
 *      routing is empty and the connection's defaults apply.
 * - A `{"type":"event","val":"SESSION_CLOSURE"}` item ends the session (when there is no handover).
 * - `intent` is `completedTaskName`. Every other item goes through `parseKoreMessages`.
 */
export function koreTurnResult(collected: KoreTurnCollection, agentTransferTaskNames: ReadonlySet<string>): BotTurnResult {
  const warnings: string[] = [];
  const items = [...collected.data];
  let handover: HandoverRequest | undefined;
  items.forEach((item, index) => {
    const transfer = agentTransferPayload(item);
    if (!transfer) return;
    if (handover) warnings.push(`data[${index}]: a second agent_transfer in one turn was ignored`);
    else handover = parseHandoverPayload(transfer, warnings, `data[${index}]`);
    items[index] = undefined;
  });
  const intent = collected.completedTaskName;
  if (!handover && collected.endOfTask && intent && agentTransferTaskNames.has(intent)) {
    const index = items.map(routingObject).findLastIndex((routing) => routing !== undefined);
    handover = index < 0 ? {} : parseHandoverPayload(routingObject(items[index]) as JsonRecord, warnings, `data[${index}]`);
    if (index >= 0) items[index] = undefined;
  }
  const endSession = items.some(isSessionClosure);
  const result: BotTurnResult = { outputs: parseKoreMessages(items.filter((item) => item !== undefined)), warnings };
  if (handover) result.handover = handover;
  else if (endSession) result.endSession = true;
  if (intent) result.intent = intent;
  return result;
}

/** The routing payload of an agent_transfer item (an empty object when it has none), or undefined. */
function agentTransferPayload(item: unknown): JsonRecord | undefined {
  if (!isRecord(item)) return undefined;
  const val = recordOrJsonRecord(item['val']);
  if (!val || val['type'] !== 'agent_transfer') return undefined;
  return recordOrJsonRecord(val['payload']) ?? {};
}

function routingObject(item: unknown): JsonRecord | undefined {
  const val = isRecord(item) ? recordOrJsonRecord(item['val']) : undefined;
  return val && val['type'] === undefined && ROUTING_KEYS.some((key) => val[key] !== undefined) ? val : undefined;
}

function isSessionClosure(item: unknown): boolean {
  return isRecord(item) && item['type'] === 'event' && nonEmptyString(item['val']) === 'SESSION_CLOSURE';
}
