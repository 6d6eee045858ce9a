import { badRequest } from '../support/genesys-error';
import {
  optionalString,
  requireIsoDateTime,
  requireNonEmptyString,
  requireObject,
  requireOneOf,
} from '../support/field-checks';

export const RECEIPT_STATUSES = ['Sent', 'Delivered', 'Failed', 'Published', 'Removed'] as const;
export const RECEIPT_REASON_CODES = [
  'MessageExpired',
  'RateLimited',
  'MessageNotAllowed',
  'GeneralError',
  'UnsupportedMessage',
  'UnknownMessage',
  'InvalidMessageStructure',
  'InvalidDestination',
  'ServerError',
  'MediaTypeNotAllowed',
  'InvalidMediaContentLength',
  'RecipientOptedOut',
] as const;

export interface ReceiptReason {
  code?: (typeof RECEIPT_REASON_CODES)[number];
  message?: string;
}

export interface InboundReceipt {
  id: string;
  channel: { to: { id: string; idType?: string }; time: string };
  status: (typeof RECEIPT_STATUSES)[number];
  reasons: ReceiptReason[];
  isFinalReceipt?: boolean;
}

/** OpenInboundNormalizedReceipt (genesys-api.md §2.3). */
export function validateInboundReceipt(value: unknown): InboundReceipt {
  const body = requireObject(value, 'body');
  const id = requireNonEmptyString(body.id, 'id');
  const channel = requireObject(body.channel, 'channel');
  const to = requireObject(channel.to, 'channel.to');
  const time = requireIsoDateTime(channel.time, 'channel.time');
  const status = requireOneOf(body.status, RECEIPT_STATUSES, 'status');
  if (body.isFinalReceipt !== undefined && typeof body.isFinalReceipt !== 'boolean') throw badRequest('isFinalReceipt must be a boolean');
  return {
    id,
    channel: { to: { id: requireNonEmptyString(to.id, 'channel.to.id'), idType: optionalString(to.idType, 'channel.to.idType') }, time },
    status,
    reasons: validateReasons(body.reasons),
    isFinalReceipt: body.isFinalReceipt as boolean | undefined,
  };
}

function validateReasons(value: unknown): ReceiptReason[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest('reasons must be an array');
  return value.map((item, index) => {
    const reason = requireObject(item, `reasons[${index}]`);
    return {
      code: reason.code === undefined ? undefined : requireOneOf(reason.code, RECEIPT_REASON_CODES, `reasons[${index}].code`),
      message: optionalString(reason.message, `reasons[${index}].message`),
    };
  });
}
