/**
 * The degradation policy: what a connector can show, and the warning codes emitted when content is changed to fit.
 * DEGRADATION.md (next to this lib's project.json) explains every rule; each warning string starts with its code so
 * logs and metrics can count them.
 */

/** What the Genesys channel behind one Bot Connector can render. */
export interface ConnectorCapabilities {
  /** Everything becomes Text with numbered options (SMS-like channels, or Bot Connector v1 where Structured fails). */
  textOnly: boolean;
  /** More quick replies (or postback buttons) than this in one prompt → numbered text. */
  maxQuickReplies: number;
  /** Actions kept per card; the rest are dropped with a warning. */
  maxCardActions: number;
  /** Cards kept per carousel; the rest are dropped with a warning. */
  maxCarouselCards: number;
  /**
   * URL buttons allowed as card `Link` actions; when false they become "Title: url" text lines. Phone buttons are
   * never card actions (a `Link` takes an http(s) URL), whatever this says: they are always "Title: number" lines.
   */
  allowUrlButtons: boolean;
}

/**
 * Defaults. Genesys documents no count limits for Bot Connector structured content (genesys-api.md §1.3), so these
 * are conservative: 10 quick replies (WhatsApp list rows, below Messenger's 13), 3 actions per card (Kore's carousel
 * allows ≤3 per element, bot-platforms.md §B3), 10 cards per carousel (Messenger's generic template limit).
 */
export const DEFAULT_CAPABILITIES: Readonly<ConnectorCapabilities> = Object.freeze({
  textOnly: false,
  maxQuickReplies: 10,
  maxCardActions: 3,
  maxCarouselCards: 10,
  allowUrlButtons: true,
});

/** Merges per-connector settings over the defaults; limits must be whole numbers ≥ 1. */
export function resolveCapabilities(capabilities: Partial<ConnectorCapabilities> = {}): ConnectorCapabilities {
  const resolved = { ...DEFAULT_CAPABILITIES, ...capabilities };
  for (const key of ['maxQuickReplies', 'maxCardActions', 'maxCarouselCards'] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] < 1) {
      throw new RangeError(`${key} must be an integer ≥ 1, got ${String(resolved[key])}`);
    }
  }
  return resolved;
}

/** Warning codes, one per degradation rule in DEGRADATION.md. */
export const Degradation = {
  /** Too many quick replies / postback buttons for one prompt: the prompt became numbered text. */
  ChoiceOverflow: 'choice-overflow',
  /** A card had more actions than `maxCardActions`: the extra ones were dropped. */
  CardActionOverflow: 'card-action-overflow',
  /** A carousel had more cards than `maxCarouselCards`: the extra ones were dropped. */
  CarouselOverflow: 'carousel-overflow',
  /** URL buttons with `allowUrlButtons=false`: rendered as "Title: url" text lines. */
  UrlButtonAsText: 'url-button-as-text',
  /** Phone buttons (always: a card `Link` takes an http(s) URL, not `tel:`): rendered as "Title: number" text lines. */
  PhoneButtonAsText: 'phone-button-as-text',
  /** A card's tap URL with `allowUrlButtons=false`: dropped. */
  DefaultActionDropped: 'default-action-dropped',
  /** Two actions in one card/carousel had the same text + payload: the later one's text got a " (n)" suffix. */
  DuplicateActionRenamed: 'duplicate-action-renamed',
  /** Genesys has no list type: the list became a carousel. */
  ListAsCarousel: 'list-as-carousel',
  /** Content Genesys cannot show was replaced by its fallback text. */
  UnsupportedAsText: 'unsupported-as-text',
  /** Content Genesys cannot show, without fallback text, was dropped. */
  UnsupportedDropped: 'unsupported-dropped',
  /** A media URL without a known file extension and no `mime` from the bot: sent as `application/octet-stream`. */
  MimeUnknown: 'mime-unknown',
} as const;

export type DegradationCode = (typeof Degradation)[keyof typeof Degradation];

/** `"<code>: <detail>"`, the form of every renderer warning. */
export function degradationWarning(code: DegradationCode, detail: string): string {
  return `${code}: ${detail}`;
}

/** Quotes titles for warnings: `"Yes", "No"`. */
export function quoteAll(titles: readonly string[]): string {
  return titles.map((title) => JSON.stringify(title)).join(', ');
}
