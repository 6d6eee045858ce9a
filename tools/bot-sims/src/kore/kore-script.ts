import type { HandoverPayload } from '../shared/handover';
import type { ScriptRule } from '../shared/script';

/** How a template object travels in `data[i].val`: a JSON string or the object itself (bot-platforms.md §B2). */
export type TemplateEncoding = 'string' | 'object';
/** Our sync-mode handover conventions (bot-platforms.md §B8 leaves it open); see the README. */
export type AgentTransferSignal = 'data-item' | 'end-of-task';

/** One bot message (one `data[]` item). A bare string is plain text. */
export type KoreOutput =
  | string
  | { text: string }
  /** A Web SDK template, e.g. `{type:"template", payload:{template_type:"button", …}}` or `{type:"image", payload:{url}}`. */
  | { template: Record<string, unknown>; encoding?: TemplateEncoding }
  | {
      agentTransfer: HandoverPayload;
      /** Default: the `agentTransferSignal` option. */
      signal?: AgentTransferSignal;
      /** Send GenesysMetaData as an object (default) or as a JSON string (as `agentUtils.setMetaInfo` does). */
      metaDataAs?: 'object' | 'string';
      encoding?: TemplateEncoding;
    };

/** A slow Service/Script/Webhook node: with polling on, the first answer carries a `pollId` and only part of the messages. */
export interface SlowBackend {
  /** Messages returned at once, before the poll (default 1). */
  immediate?: number;
  /** Each poll batch becomes ready this long after the previous one (default 1000 ms). */
  readyAfterMs?: number;
  /** The remaining messages are split over this many polls; all but the last carry a new `pollId` (default 1). */
  batches?: number;
}

export interface KoreRule extends ScriptRule<KoreOutput> {
  endOfTask?: boolean;
  endReason?: string;
  completedTaskId?: string;
  completedTaskName?: string;
  /** Overrides the `templateEncoding` option for this turn's templates. */
  templateEncoding?: TemplateEncoding;
  slowBackend?: SlowBackend;
}

export type KoreScript = KoreRule[];
