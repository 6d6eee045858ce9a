import type { CognigySimOptions } from './cognigy-options';
import type { CognigyOutput } from './cognigy-script';

/** One `outputStack` entry as the REST endpoint returns it (bot-platforms.md §A2). */
export interface CognigyOutputEntry {
  /** null for outputs without text (rich-only or data-only). */
  text: string | null;
  data: Record<string, unknown>;
  traceId: string;
  disableSensitiveLogging: false;
  source: 'bot';
}

export interface CognigyRestResponse {
  /** Concatenation of the outputs' texts (null when none has text): clients must iterate `outputStack`. */
  text: string | null;
  /** Shallow merge of the outputs' data. */
  data: Record<string, unknown>;
  userId: string;
  sessionId: string;
  outputStack: CognigyOutputEntry[];
}

type Layout = Pick<CognigySimOptions, 'nesting' | 'attachments' | 'textSeparator'>;

export function buildOutputEntry(output: CognigyOutput, layout: Layout, traceId: string): CognigyOutputEntry {
  const data: Record<string, unknown> = { ...(output.data ?? {}) };
  const block: Record<string, unknown> = { ...(output.rich ?? {}) };
  if (output.attachments?.length) {
    if (layout.attachments === 'data') data.attachments = output.attachments;
    else block._attachment = { type: 'attachment', attachments: output.attachments };
  }
  if (Object.keys(block).length > 0) {
    const cognigy = { _cognigy: { _default: block } };
    if (layout.nesting === '_data') data._data = { ...(data._data as Record<string, unknown> | undefined), ...cognigy };
    else Object.assign(data, cognigy);
  }
  return { text: output.text ?? null, data, traceId, disableSensitiveLogging: false, source: 'bot' };
}

export function buildRestResponse(
  outputs: CognigyOutput[],
  ids: { userId: string; sessionId: string; traceId: string },
  layout: Layout,
): CognigyRestResponse {
  const outputStack = outputs.map((output) => buildOutputEntry(output, layout, ids.traceId));
  const texts = outputStack.map((entry) => entry.text).filter((text): text is string => typeof text === 'string' && text !== '');
  return {
    text: texts.length > 0 ? texts.join(layout.textSeparator) : null,
    data: Object.assign({}, ...outputStack.map((entry) => entry.data)) as Record<string, unknown>,
    userId: ids.userId,
    sessionId: ids.sessionId,
    outputStack,
  };
}
