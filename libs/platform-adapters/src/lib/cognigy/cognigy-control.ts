import { type HandoverRequest } from '@genesys-bridge/content-conversion';
import { parseHandoverPayload } from '../handover-signal';
import { isRecord, type JsonRecord, nonEmptyString } from '../json-values';

export interface CognigyControl {
  handover?: HandoverRequest;
  endSession?: boolean;
  intent?: string;
}

/**
 * The control signals in one Cognigy output's `data` (bot-platforms.md §A6, §A8). The first rule that matches wins:
 * 1. `data.handover` is an object → handover with its routing fields (what our docs ask Flows to output).
 * 2. `data.parameters.command === 'handover'` → handover; the other `data.parameters` keys are the routing fields
 *    (Cognigy's own Genesys-channel Custom JSON: `{"replymessages": [], "parameters": {"command": "handover"}}`).
 * 3. `data.intent` is one of the configured `handoverIntents` → handover, routing fields from `data.parameters`.
 * 4. `data.GenesysMetaData` or `data.QueueName` at the top of `data` (an agent-transfer node's output) → handover,
 *    routing fields from `data` itself.
 * 5. `data.parameters.command === 'end'` → `endSession` (the Flow is done and no agent is wanted).
 * `data.intent` (a string) is reported as the turn's intent in every case.
 */
export function readCognigyControl(
  data: unknown,
  handoverIntents: ReadonlySet<string>,
  warnings: string[],
  source: string,
): CognigyControl {
  if (!isRecord(data)) return {};
  const intent = nonEmptyString(data['intent']);
  const parameters = isRecord(data['parameters']) ? data['parameters'] : undefined;
  const command = nonEmptyString(parameters?.['command']);
  if (Array.isArray(data['replymessages']) && data['replymessages'].length > 0) {
    warnings.push(`${source}: Genesys-format replymessages are not converted; use text or _cognigy._default output`);
  }
  const routing = handoverRouting(data, parameters, command, intent, handoverIntents);
  if (routing) return { intent, handover: parseHandoverPayload(routing, warnings, source) };
  if (command === 'end') return { intent, endSession: true };
  return { intent };
}

function handoverRouting(
  data: JsonRecord,
  parameters: JsonRecord | undefined,
  command: string | undefined,
  intent: string | undefined,
  handoverIntents: ReadonlySet<string>,
): JsonRecord | undefined {
  if (isRecord(data['handover'])) return data['handover'];
  if (command === 'handover') return parameters;
  if (intent && handoverIntents.has(intent)) return parameters ?? {};
  if (data['GenesysMetaData'] !== undefined || data['QueueName'] !== undefined) return data;
  return undefined;
}
