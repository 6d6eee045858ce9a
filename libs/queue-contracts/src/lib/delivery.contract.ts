import { createHash } from 'node:crypto';
import { JOB_RETENTION, type QueueName } from './queue-names';

/**
 * Delivery is ordered per conversation (design.md §6): a conversation always maps to the same
 * partition queue, each partition runs with global concurrency 1. Changing the partition count
 * moves conversations between partitions: drain the delivery queues first.
 */
export const DELIVERY_PARTITIONS = 32;

export type DeliveryDirection = typeof QueueName.ToGenesys | typeof QueueName.ToBot;

export const DeliveryJob = { DeliverConversation: 'deliver-conversation' } as const;

/** A wake-up signal: ids only. The worker reads the conversation's pending rows from the database in sequence order. */
export interface DeliverConversationV1 {
  v: 1;
  connectionId: string;
  conversationKey: string;
}

export function deliveryPartition(conversationKey: string, partitions = DELIVERY_PARTITIONS): number {
  return createHash('sha256').update(conversationKey).digest().readUInt32BE(0) % partitions;
}

export function deliveryQueueName(direction: DeliveryDirection, conversationKey: string, partitions = DELIVERY_PARTITIONS): string {
  return `${direction}-p${String(deliveryPartition(conversationKey, partitions)).padStart(2, '0')}`;
}

export function allDeliveryQueueNames(direction: DeliveryDirection, partitions = DELIVERY_PARTITIONS): string[] {
  return Array.from({ length: partitions }, (_, partition) => `${direction}-p${String(partition).padStart(2, '0')}`);
}

/** At most one waiting wake-up per conversation; BullMQ ids must not contain ':'. */
export function deliverConversationDedupId(job: DeliverConversationV1): string {
  return `deliver-${job.connectionId}-${createHash('sha256').update(job.conversationKey).digest('hex').slice(0, 32)}`;
}

export const DELIVERY_JOB_OPTIONS = { ...JOB_RETENTION, attempts: 1 } as const;
