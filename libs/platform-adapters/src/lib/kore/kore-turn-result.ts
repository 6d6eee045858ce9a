import { type BotTurnResult, type HandoverRequest, parseKoreMessages } from '@genesys-bridge/content-conversion';
import { parseHandoverPayload } from '../handover-signal';
import { isRecord, nonEmptyString, recordOrJsonRecord } from '../json-values';

/** Everything one turn produced: the `data[]` items of the webhook answer and of every poll, in order. */
export interface KoreTurnCollection {
  data: unknown[];
  endOfTask: boolean;
  completedTaskName?: string;
}

/**
 * Builds the turn result from Kore's messages.
 * - Handover (agent transfer is not supported in sync mode, so the bot signals it, bot-platforms.md §B8):
 *   1. a `data[]` item whose `val` (object or JSON string) is `{"type":"agent_transfer","payload":{…routing}}`;
 *      the item is not shown to the user;
 *   2. `endOfTask: true` with `completedTaskName` in `agentTransferTaskNames` (routing left to the connection's
 *      defaults). Rule 1 wins when both are present, and the first agent_transfer item wins over later ones.
 * - A `{"type":"event","val":"SESSION_CLOSURE"}` item ends the session and is not shown.
 * - `intent` is `completedTaskName`. Everything else goes through `parseKoreMessages`.
 */
export function koreTurnResult(collected: KoreTurnCollection, agentTransferTaskNames: ReadonlySet<string>): BotTurnResult {
  const warnings: string[] = [];
  const shown: unknown[] = [];
  let handover: HandoverRequest | undefined;
  let endSession = false;
  collected.data.forEach((item, index) => {
    const source = `data[${index}]`;
    const transfer = agentTransferPayload(item);
    if (transfer && handover) warnings.push(`${source}: a second agent_transfer in one turn was ignored`);
    else if (transfer) handover = parseHandoverPayload(transfer, warnings, source);
    else if (isSessionClosure(item)) endSession = true;
    else shown.push(item);
  });
  const intent = collected.completedTaskName;
  if (!handover && collected.endOfTask && intent && agentTransferTaskNames.has(intent)) handover = {};
  const result: BotTurnResult = { outputs: parseKoreMessages(shown), warnings };
  if (handover) result.handover = handover;
  else if (endSession) result.endSession = true;
  if (intent) result.intent = intent;
  return result;
}

/** The routing payload of an agent_transfer item (an empty object when it has none), or undefined. */
function agentTransferPayload(item: unknown): Record<string, unknown> | undefined {
  if (!isRecord(item)) return undefined;
  const val = recordOrJsonRecord(item['val']);
  if (!val || val['type'] !== 'agent_transfer') return undefined;
  return recordOrJsonRecord(val['payload']) ?? {};
}

function isSessionClosure(item: unknown): boolean {
  return isRecord(item) && item['type'] === 'event' && nonEmptyString(item['val']) === 'SESSION_CLOSURE';
}
