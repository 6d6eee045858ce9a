import type { FieldProblem } from '@genesys-bridge/service-runtime';

/**
 * The per-connection settings the apps read from `botPlatformSettings` (docs/handover-intakes.md and the metadata
 * service's own), with the type each must have. A mistyped value is refused here with its path instead of being
 * silently ignored by the reader (which falls back to the default). Keys not listed are stored as they are: other
 * features may read settings this list does not know yet.
 */
type Rule = (value: unknown) => string | null;

const MAX_NOTICE_LENGTH = 500;
export const MAX_SETTINGS_BYTES = 64 * 1024;
export const SETTING_KEY = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;

const boolean: Rule = (value) => (typeof value === 'boolean' ? null : 'must be true or false');
const text =
  (maxLength: number): Rule =>
  (value) =>
    typeof value === 'string' && value.trim() !== '' && value.length <= maxLength && !/\p{Cc}/u.test(value)
      ? null
      : `must be a non-empty string of at most ${maxLength} characters without control characters`;
const url: Rule = (value) => (typeof value === 'string' && value.length <= 2000 && URL.canParse(value) ? null : 'must be an absolute URL of at most 2000 characters');
const textList =
  (maxItems: number, maxLength: number): Rule =>
  (value) =>
    Array.isArray(value) && value.length <= maxItems && value.every((item) => text(maxLength)(item) === null)
      ? null
      : `must be a list of at most ${maxItems} non-empty strings of at most ${maxLength} characters`;

export const KNOWN_SETTINGS: Record<string, Rule> = {
  // handover gateway (docs/handover-intakes.md)
  endpointBaseUrl: url,
  botKitClientId: text(200),
  botKitBotIds: textList(100, 200),
  allowPrivateCallbackUrls: boolean,
  allowPrivateNetworks: boolean,
  sendProfile: boolean,
  showAgentProfile: boolean,
  relayGenesysBotMessages: boolean,
  cognigyTypingNotify: boolean,
  dropUnsupportedContent: boolean,
  handoverNotices: (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object with userJoined and/or userLeft';
    const unknown = Object.keys(value).filter((key) => key !== 'userJoined' && key !== 'userLeft');
    if (unknown.length > 0) return `has unknown field(s) ${unknown.join(', ')} (allowed: userJoined, userLeft)`;
    const bad = Object.values(value).some((notice) => notice !== null && text(MAX_NOTICE_LENGTH)(notice) !== null);
    return bad ? `userJoined and userLeft must be texts of at most ${MAX_NOTICE_LENGTH} characters (or null)` : null;
  },
  // routing and Open Messaging
  defaultQueueName: text(255),
  defaultQueueId: text(64),
  fallbackQueueName: text(255),
  fallbackQueueId: text(64),
  resolveQueues: boolean,
  openMessagingDeploymentName: text(200),
};

/** Problems of a complete settings object (after a PATCH was merged into the stored one), by field path. */
export function platformSettingsProblems(settings: Record<string, unknown>, path = 'botPlatformSettings'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (Buffer.byteLength(JSON.stringify(settings), 'utf8') > MAX_SETTINGS_BYTES) problems.push({ path, problems: [`must be at most ${MAX_SETTINGS_BYTES} bytes as JSON`] });
  for (const [key, value] of Object.entries(settings)) {
    const at = `${path}.${key}`;
    if (!SETTING_KEY.test(key)) {
      problems.push({ path: at, problems: ['setting names start with a letter and have at most 100 letters, digits, _ or -'] });
      continue;
    }
    const rule = KNOWN_SETTINGS[key] ?? (key.endsWith('Url') ? url : null);
    const problem = rule?.(value);
    if (problem) problems.push({ path: at, problems: [problem] });
  }
  return problems;
}

/**
 * Applies a JSON merge patch (RFC 7396, top level) to the stored settings: a key set to `null` is removed, any
 * other value replaces the stored one (objects such as `handoverNotices` are replaced as a whole).
 */
export function mergeSettings(stored: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
