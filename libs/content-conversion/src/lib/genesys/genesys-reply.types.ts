/**
 * Genesys Bot Connector message shapes (genesys-api.md §1.2 request `inputMessage`, §1.3 `replyMessages`).
 * Content items follow the ConversationMessageContent model: a `contentType` plus the lower-camel key that holds the
 * item, e.g. `{ contentType: 'QuickReply', quickReply: { text, payload } }`.
 */

/** genesys-api.md §1.3: `QuickReply` = `{text, payload, image?}` (`action`/`summaryText` exist but are not used here). */
export interface GenesysQuickReply {
  text: string;
  payload: string;
  image?: string;
}

/** genesys-api.md §1.3: a Card action; payload + text must be unique across a card/carousel. */
export interface GenesysCardAction {
  type: 'Link' | 'Postback';
  text: string;
  payload?: string;
  url?: string;
}

/** The action taken when the card itself is tapped (no label of its own). */
export interface GenesysCardDefaultAction {
  type: 'Link' | 'Postback';
  url?: string;
  payload?: string;
}

/** genesys-api.md §1.3: `Card` = `{title, description?, image?, defaultAction?, actions[]}`. */
export interface GenesysCard {
  title: string;
  description?: string;
  image?: string;
  defaultAction?: GenesysCardDefaultAction;
  actions: GenesysCardAction[];
}

/** genesys-api.md §1.3: `Carousel` = `{cards: Card[]}`. */
export interface GenesysCarousel {
  cards: GenesysCard[];
}

/** genesys-api.md §1.3 lists `Link` too; we only emit the four media types the canonical model knows. */
export type GenesysMediaType = 'Image' | 'Video' | 'Audio' | 'File';

/** genesys-api.md §1.3: `Attachment`; "if contentType = Attachment only one item is allowed". */
export interface GenesysAttachment {
  mediaType: GenesysMediaType;
  url: string;
  mime?: string;
  filename?: string;
  text?: string;
}

export type GenesysContent =
  | { contentType: 'QuickReply'; quickReply: GenesysQuickReply }
  | { contentType: 'Card'; card: GenesysCard }
  | { contentType: 'Carousel'; carousel: GenesysCarousel }
  | { contentType: 'Attachment'; attachment: GenesysAttachment };

/** One entry of the Bot Connector response's `replyMessages` (genesys-api.md §1.3). */
export interface ReplyMessage {
  type: 'Text' | 'Structured';
  text?: string;
  content?: GenesysContent[];
}

/** genesys-api.md §1.2: `buttonResponse.type` is `Button` or `QuickReply`. */
export interface GenesysButtonResponse {
  type: 'QuickReply' | 'Button';
  text: string;
  payload?: string;
  originatingMessageId?: string;
}

/** "Only ButtonResponse is supported for Structured message in Genesys Cloud today" (genesys-api.md §1.2). */
export interface GenesysInputContent {
  contentType: 'ButtonResponse' | string;
  buttonResponse?: GenesysButtonResponse;
}

/** The request's `inputMessage` (genesys-api.md §1.2). */
export interface InputMessage {
  type: 'Text' | 'Structured';
  text?: string;
  content?: GenesysInputContent[];
}
