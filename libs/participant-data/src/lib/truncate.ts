/**
 * Cuts `value` to at most `maxLength` UTF-16 code units without splitting a surrogate pair: when the cut would
 * leave a lone high surrogate at the end, that half is dropped too, so the result may be one unit shorter. No
 * ellipsis is added (the value may be read by a flow, not a person).
 */
export function truncateUtf16(value: string, maxLength: number): string {
  if (value.length <= maxLength) return value;
  const last = value.charCodeAt(maxLength - 1);
  const splitsPair = last >= 0xd800 && last <= 0xdbff;
  return value.slice(0, splitsPair ? maxLength - 1 : maxLength);
}

/** UTF-8 size of a string, for the optional byte budget. */
export function utf8Length(value: string): number {
  return new TextEncoder().encode(value).length;
}
