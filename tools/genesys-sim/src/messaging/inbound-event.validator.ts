import { badRequest } from '../support/genesys-error';
import { requireObject } from '../support/field-checks';
import { validateInboundChannel, type InboundChannel } from './inbound-channel.validator';

export interface TypingEvent {
  eventType: 'Typing';
  typing: { type: 'On'; duration?: number };
}

export interface InboundEvent {
  channel: InboundChannel;
  events: TypingEvent[];
}

/** OpenInboundNormalizedEvent: Open Messaging only knows `Typing` events (genesys-api.md §2.3). */
export function validateInboundEvent(value: unknown): InboundEvent {
  const body = requireObject(value, 'body');
  const channel = validateInboundChannel(body.channel, { requireMessageId: false });
  if (!Array.isArray(body.events) || body.events.length === 0) throw badRequest('events is required and must be a non-empty array');
  const events = body.events.map((item: unknown, index: number): TypingEvent => {
    const path = `events[${index}]`;
    const event = requireObject(item, path);
    if (event.eventType !== 'Typing') {
      throw badRequest(`${path}.eventType ${JSON.stringify(event.eventType)} is not supported for Open Messaging (only Typing)`);
    }
    const typing = requireObject(event.typing, `${path}.typing`);
    if (typing.type !== 'On') throw badRequest(`${path}.typing.type must be On`);
    if (typing.duration !== undefined && (!Number.isInteger(typing.duration) || (typing.duration as number) < 0)) {
      throw badRequest(`${path}.typing.duration must be a non-negative integer (milliseconds)`);
    }
    return { eventType: 'Typing', typing: { type: 'On', duration: typing.duration as number | undefined } };
  });
  return { channel, events };
}
