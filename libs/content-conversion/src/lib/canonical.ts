/**
 * The platform-neutral shape of bot output and user input. Platform adapters parse Cognigy/Kore/
 * generic payloads into it; the Genesys converters render it. Keeping one middle model means N + M
 * converters instead of N × M, and one place where degradation rules live.
 */

/** A tappable choice that sends something back to the bot. */
export interface CanonicalOption {
  title: string;
  /** What the bot receives when the user picks it (postback payload); defaults to the title. */
  payload: string;
  imageUrl?: string;
}

export type CanonicalButton =
  | { type: 'postback'; title: string; payload: string }
  | { type: 'url'; title: string; url: string }
  | { type: 'phone'; title: string; phoneNumber: string };

export interface CanonicalCard {
  title: string;
  subtitle?: string;
  imageUrl?: string;
  /** Opened when the card itself is tapped. */
  defaultActionUrl?: string;
  buttons: CanonicalButton[];
}

export type CanonicalMediaType = 'Image' | 'Video' | 'Audio' | 'File';

export type CanonicalOutput =
  | { kind: 'text'; text: string }
  | { kind: 'quick-replies'; text: string; options: CanonicalOption[] }
  | { kind: 'buttons'; text: string; buttons: CanonicalButton[] }
  /** One card or a carousel of cards (Cognigy gallery, Kore carousel). */
  | { kind: 'cards'; cards: CanonicalCard[]; text?: string }
  /** A vertical list (Cognigy list, Kore list); Genesys has no list type, so it degrades. */
  | { kind: 'list'; text?: string; items: CanonicalCard[]; button?: CanonicalButton }
  | { kind: 'media'; mediaType: CanonicalMediaType; url: string; mime?: string; filename?: string; text?: string }
  /** Something the platform sent that we cannot represent; rendered as `fallbackText` when present, else dropped with a warning. */
  | { kind: 'unsupported'; source: string; fallbackText?: string };

/** What the customer sent in one turn, after Genesys parsing. */
export type CanonicalInput =
  | { kind: 'text'; text: string }
  /** A quick-reply or button click: the bot gets `payload` as its own postback format. */
  | { kind: 'postback'; text: string; payload: string; buttonType: 'QuickReply' | 'Button' };

/** The bot asked for a human: routing hints for Architect (FindQueue → Transfer to ACD). */
export interface HandoverRequest {
  queueName?: string;
  skills?: string[];
  language?: string;
  priority?: number;
  /** The bot's GenesysMetaData (any JSON); flattened to participant data by libs/participant-data. */
  metadata?: Record<string, unknown>;
  reason?: string;
}

/** One bot turn as an adapter returns it. */
export interface BotTurnResult {
  outputs: CanonicalOutput[];
  handover?: HandoverRequest;
  /** The bot ended the conversation (no handover): Architect gets `Complete`. */
  endSession?: boolean;
  /** Intent/slots the bot reported, if any (Kore completedTaskName, Cognigy intent). */
  intent?: string;
  slots?: Record<string, string>;
  /** Non-fatal notes for logs and metrics (e.g. an unknown template was dropped). */
  warnings: string[];
}
