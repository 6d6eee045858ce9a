import type { ScriptRule } from '../shared/script';

/** A file the bot sends: the notify API's attachment shape (bot-platforms.md §A5 "Files"). */
export interface CognigyAttachment {
  name: string;
  url: string;
  type: 'file';
  caption?: string;
}

/** One Cognigy output (one `outputStack` entry). */
export interface CognigyOutput {
  text?: string;
  /** Raw output data (e.g. `handover`, or Genesys custom JSON `{replymessages, parameters}`). */
  data?: Record<string, unknown>;
  /**
   * The `_default` channel block, e.g. `{ _quickReplies: {type:"quick_replies", …} }`; placed under
   * `data._cognigy._default` or `data._data._cognigy._default` according to the `nesting` option.
   */
  rich?: Record<string, Record<string, unknown>>;
  /** Placed as `data.attachments` or as a `_default._attachment` block according to the `attachments` option. */
  attachments?: CognigyAttachment[];
}

export type CognigyRule = ScriptRule<CognigyOutput>;
export type CognigyScript = CognigyRule[];
