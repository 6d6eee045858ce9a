import { badRequest, GenesysApiError } from '../support/genesys-error';
import { isPlainObject } from '../support/field-checks';
import type { NotificationOptions } from './notification-options';
import { parseTopic } from './topic-catalog';

/** ChannelTopic of a ChannelTopicEntityListing (JSSDK): `state`/`rejectionReason` only on skipped topics. */
export interface ChannelTopicView {
  id: string;
  state?: 'Rejected';
  rejectionReason?: string;
}

export interface SubscriptionChange {
  /** The channel's topics after the change. */
  topics: string[];
  /** Topics skipped under `ignoreErrors=true`. */
  rejected: ChannelTopicView[];
}

/** The request body: `[{"id": "<topic>"}, …]`. */
export function readTopicList(body: unknown): string[] {
  if (!Array.isArray(body)) throw badRequest('The request body must be a list of topics: [{"id": "<topic>"}]');
  return body.map((entry, index) => {
    if (!isPlainObject(entry) || typeof entry.id !== 'string' || entry.id.trim() === '') {
      throw badRequest(`Topic at index ${index} must be an object with a non-empty string id`);
    }
    return entry.id;
  });
}

/**
 * Applies POST (`add`) or PUT (`replace`) to a channel's topics. Unknown or malformed topics fail the whole call
 * with 400 naming them; `ignoreErrors=true` skips them instead (the JSSDK documents the flag for failed permission
 * checks; that it also covers invalid topics is UNCONFIRMED: `ignoreErrorsForInvalidTopics`). More than
 * `maxTopicsPerChannel` topics in the result → 400 and nothing changes.
 */
export function changeSubscriptions(
  current: ReadonlySet<string>,
  requested: string[],
  mode: 'add' | 'replace',
  ignoreErrors: boolean,
  options: NotificationOptions,
): SubscriptionChange {
  const rejected: ChannelTopicView[] = [];
  const accepted: string[] = [];
  for (const topic of new Set(requested)) {
    const parsed = parseTopic(topic);
    if (parsed.kind === 'invalid') rejected.push({ id: topic, state: 'Rejected', rejectionReason: parsed.reason });
    else accepted.push(topic);
  }
  if (rejected.length > 0 && !(ignoreErrors && options.ignoreErrorsForInvalidTopics === 'skipped')) {
    throw new GenesysApiError(
      400,
      'bad.request',
      `Invalid topic(s): ${rejected.map((topic) => `${topic.id} (${topic.rejectionReason})`).join(', ')}`,
      {},
      rejected.map((topic) => ({ errorCode: 'invalid.topic', fieldName: topic.id, message: topic.rejectionReason })),
    );
  }
  const topics = new Set(mode === 'add' ? current : []);
  for (const topic of accepted) topics.add(topic);
  if (topics.size > options.maxTopicsPerChannel) {
    throw badRequest(`A channel can have at most ${options.maxTopicsPerChannel} topic subscriptions; this request would make ${topics.size}.`);
  }
  return { topics: [...topics], rejected };
}
