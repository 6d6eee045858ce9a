/**
 * Participant-data names of the routing contract (peers.md §5 item 7; genesys-api.md §4 "Pattern": the bot returns
 * queue name, skills, language and priority; Architect runs Find Queue / Find Skill / Find Language Skill, then
 * Transfer to ACD). Names are case-sensitive in Architect (genesys-api.md §3), so only these exact spellings count.
 */
export const ROUTING_KEYS = {
  queueName: 'QueueName',
  skills: 'Skills',
  language: 'Language',
  priority: 'Priority',
} as const;

/** Always kept, in this order, ahead of every other attribute when the attribute limit bites. */
export const RESERVED_ROUTING_KEYS: readonly string[] = Object.freeze([
  ROUTING_KEYS.queueName,
  ROUTING_KEYS.skills,
  ROUTING_KEYS.language,
  ROUTING_KEYS.priority,
]);

/** Transfer to ACD priority range (genesys-api.md §4: −25,000,000…25,000,000; 1 point ≈ 1 minute of wait). */
export const PRIORITY_MIN = -25_000_000;
export const PRIORITY_MAX = 25_000_000;

/** Separator for `Skills`: one string holding every skill name, for Architect to split. */
export const SKILLS_SEPARATOR = ',';
