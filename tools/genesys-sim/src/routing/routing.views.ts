import type { Language, Queue, Skill } from './routing.model';

const HOME_DIVISION = { id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Home', selfUri: '/api/v2/authorization/divisions/a1b2c3d4-0000-4000-8000-000000000001' };

export const queueView = (queue: Queue): Record<string, unknown> => ({
  id: queue.id,
  name: queue.name,
  ...(queue.description === undefined ? {} : { description: queue.description }),
  division: HOME_DIVISION,
  memberCount: queue.memberCount,
  dateCreated: queue.dateCreated,
  selfUri: `/api/v2/routing/queues/${queue.id}`,
});

export const skillView = (skill: Skill): Record<string, unknown> => ({
  id: skill.id,
  name: skill.name,
  state: 'active',
  dateModified: skill.dateModified,
  selfUri: `/api/v2/routing/skills/${skill.id}`,
});

export const languageView = (language: Language): Record<string, unknown> => ({
  id: language.id,
  name: language.name,
  state: 'active',
  dateModified: language.dateModified,
  selfUri: `/api/v2/routing/languages/${language.id}`,
});
