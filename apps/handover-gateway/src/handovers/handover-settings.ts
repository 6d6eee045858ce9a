import type { Connection } from '@genesys-bridge/persistence';

/**
 * What a connection's admin chooses about handovers, read from the non-secret `botPlatformSettings` (the tenant
 * registry edits them). Every field is optional there; these are the defaults a missing or mistyped value falls
 * back to (a typo never turns a feature on).
 *
 * | setting | default | effect |
 * |---|---|---|
 * | `sendProfile` | false | the customer's name and email become participant data (when the request does not say) |
 * | `handoverNotices.userJoined` | none | text sent to the agent right after the opening message ("User joined the conversation") |
 * | `handoverNotices.userLeft` | none | text sent to the agent before the customer is disconnected on a user-side end |
 * | `showAgentProfile` | false | the agent's name and avatar travel with agent messages to the bot platform |
 * | `relayGenesysBotMessages` | false | messages of Genesys bot flows / in-queue flows (`originatingEntity: "Bot"`) reach the user |
 * | `dropUnsupportedContent` | false | Genesys content the bot platform cannot show is dropped instead of sent as its fallback text |
 */
export interface HandoverSettings {
  sendProfile: boolean;
  notices: { userJoined: string | null; userLeft: string | null };
  showAgentProfile: boolean;
  relayGenesysBotMessages: boolean;
  dropUnsupportedContent: boolean;
}

/** Longest notice text we send (it is an ordinary customer message for Genesys). */
export const MAX_NOTICE_LENGTH = 500;

export function handoverSettingsOf(connection: Pick<Connection, 'botPlatformSettings'>): HandoverSettings {
  const settings = connection.botPlatformSettings ?? {};
  const notices = isObject(settings['handoverNotices']) ? settings['handoverNotices'] : {};
  return {
    sendProfile: settings['sendProfile'] === true,
    notices: { userJoined: noticeText(notices['userJoined']), userLeft: noticeText(notices['userLeft']) },
    showAgentProfile: settings['showAgentProfile'] === true,
    relayGenesysBotMessages: settings['relayGenesysBotMessages'] === true,
    dropUnsupportedContent: settings['dropUnsupportedContent'] === true,
  };
}

function noticeText(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  return value.trim().slice(0, MAX_NOTICE_LENGTH);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
