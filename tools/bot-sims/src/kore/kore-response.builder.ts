import { newUuid } from '../shared/ids';
import type { HandoverPayload } from '../shared/handover';
import type { KoreSimOptions } from './kore-options';
import type { KoreOutput, KoreRule, TemplateEncoding } from './kore-script';

/** One bot message of a v2 sync answer. `val` is a string, or a template as a JSON string or an object. */
export interface KoreDataItem {
  type: string;
  val: unknown;
  createdOn: string;
  messageId: string;
  /** SESSION_CLOSURE replies only. */
  eventType?: string;
  description?: string;
}

/** The v2 sync answer (bot-platforms.md §B2). */
export interface KoreSyncResponse {
  to: string;
  from: string;
  data: KoreDataItem[];
  _v: 'v2';
  endOfTask: boolean;
  endReason?: string;
  completedTaskId?: string;
  completedTaskName?: string;
  pollId?: string;
}

/** The task fields a turn ends with. */
export interface TaskEnd {
  endOfTask: boolean;
  endReason?: string;
  completedTaskId?: string;
  completedTaskName?: string;
}

export interface BuiltTurn {
  items: KoreDataItem[];
  task: TaskEnd;
  /** The outputs asked for an agent transfer (whether or not it was emitted). */
  requestedTransfer: boolean;
}

type Settings = Pick<KoreSimOptions, 'templateEncoding' | 'templateItemType' | 'syncAgentTransfer' | 'agentTransferSignal' | 'agentTransferTaskName'>;

export const newKoreMessageId = (): string => `ms-${newUuid()}`;

/** Turns a rule's outputs into `data[]` items and the task fields, applying the template and handover options. */
export function buildTurn(outputs: KoreOutput[], rule: KoreRule | undefined, settings: Settings, now: Date): BuiltTurn {
  const createdOn = now.toISOString();
  const item = (type: string, val: unknown): KoreDataItem => ({ type, val, createdOn, messageId: newKoreMessageId() });
  const templateType = settings.templateItemType === 'template' ? 'template' : 'text';
  const encode = (value: Record<string, unknown>, encoding: TemplateEncoding | undefined): unknown =>
    (encoding ?? rule?.templateEncoding ?? settings.templateEncoding) === 'string' ? JSON.stringify(value) : value;

  const items: KoreDataItem[] = [];
  const task: TaskEnd = { endOfTask: rule?.endOfTask ?? false };
  if (rule?.endReason !== undefined) task.endReason = rule.endReason;
  if (rule?.completedTaskId !== undefined) task.completedTaskId = rule.completedTaskId;
  if (rule?.completedTaskName !== undefined) task.completedTaskName = rule.completedTaskName;
  let requestedTransfer = false;

  for (const output of outputs) {
    if (typeof output === 'string') items.push(item('text', output));
    else if ('text' in output) items.push(item('text', output.text));
    else if ('template' in output) items.push(item(templateType, encode(output.template, output.encoding)));
    else {
      requestedTransfer = true;
      if (settings.syncAgentTransfer !== 'allow') continue;
      const payload = transferPayload(output.agentTransfer, output.metaDataAs ?? 'object');
      if ((output.signal ?? settings.agentTransferSignal) === 'data-item') {
        items.push(item(templateType, encode({ type: 'agent_transfer', payload }, output.encoding)));
      } else {
        items.push(item('text', JSON.stringify(payload)));
        task.endOfTask = true;
        task.completedTaskName = settings.agentTransferTaskName;
      }
    }
  }
  return { items, task, requestedTransfer };
}

function transferPayload(handover: HandoverPayload, metaDataAs: 'object' | 'string'): HandoverPayload {
  const meta = handover.GenesysMetaData;
  if (metaDataAs === 'string' && meta !== undefined && typeof meta !== 'string') return { ...handover, GenesysMetaData: JSON.stringify(meta) };
  if (metaDataAs === 'object' && typeof meta === 'string') return { ...handover, GenesysMetaData: JSON.parse(meta) as Record<string, unknown> };
  return { ...handover };
}

export function syncResponse(to: string, from: string, data: KoreDataItem[], task: TaskEnd, pollId?: string): KoreSyncResponse {
  return { to, from, data, _v: 'v2', ...task, ...(pollId !== undefined ? { pollId } : {}) };
}

/** The reply to a `SESSION_CLOSURE` event. The description texts are ours (UNCONFIRMED). */
export function sessionClosureResponse(to: string, from: string, closed: boolean, now: Date): KoreSyncResponse {
  const data: KoreDataItem = {
    type: 'event',
    val: 'SESSION_CLOSURE',
    eventType: closed ? 'SESSION_CLOSURE_SUCCESS' : 'SESSION_CLOSURE_IGNORED',
    description: closed ? 'Session closed successfully' : 'No active session to close',
    createdOn: now.toISOString(),
    messageId: newKoreMessageId(),
  };
  return syncResponse(to, from, [data], { endOfTask: false });
}
