/**
 * The routing request a simulated bot sends when it hands over to a human (our convention, both platforms).
 * Keys follow the Genesys-side names the bridge reads (`QueueName` as in Kore's GenesysMetaData examples).
 */
export interface HandoverPayload {
  QueueName?: string;
  skills?: string[];
  language?: string;
  priority?: number;
  /** Becomes Genesys participant data; an object, or a JSON string as Kore's `agentUtils.setMetaInfo` produces. */
  GenesysMetaData?: Record<string, unknown> | string;
  reason?: string;
  [key: string]: unknown;
}
