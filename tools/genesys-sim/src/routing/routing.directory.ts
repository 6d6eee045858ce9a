import { newUuid } from '../support/ids';
import type { Language, LanguageInput, Queue, QueueInput, Skill, SkillInput } from './routing.model';

/** The org's queues, ACD skills and language skills. */
export class RoutingDirectory {
  private readonly queues = new Map<string, Queue>();
  private readonly skills = new Map<string, Skill>();
  private readonly languages = new Map<string, Language>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  addQueue(input: QueueInput): Queue {
    const queue: Queue = {
      id: input.id ?? newUuid(),
      name: requireName(input.name, 'queue'),
      description: input.description,
      memberCount: input.memberCount ?? 0,
      dateCreated: this.now().toISOString(),
    };
    this.queues.set(queue.id, queue);
    return queue;
  }

  addSkill(input: SkillInput): Skill {
    const skill: Skill = { id: input.id ?? newUuid(), name: requireName(input.name, 'skill'), dateModified: this.now().toISOString() };
    this.skills.set(skill.id, skill);
    return skill;
  }

  addLanguage(input: LanguageInput): Language {
    const language: Language = {
      id: input.id ?? newUuid(),
      name: requireName(input.name, 'language'),
      dateModified: this.now().toISOString(),
    };
    this.languages.set(language.id, language);
    return language;
  }

  queue(id: string): Queue | undefined {
    return this.queues.get(id);
  }

  /** Renames a queue in place (same id), as an admin does in the Genesys UI; throws for an unknown id. */
  renameQueue(id: string, name: string): Queue {
    return rename(this.queues, id, name, 'queue');
  }

  renameSkill(id: string, name: string): Skill {
    return rename(this.skills, id, name, 'skill', this.now);
  }

  renameLanguage(id: string, name: string): Language {
    return rename(this.languages, id, name, 'language', this.now);
  }

  allQueues(): Queue[] {
    return [...this.queues.values()];
  }

  allSkills(): Skill[] {
    return [...this.skills.values()];
  }

  allLanguages(): Language[] {
    return [...this.languages.values()];
  }
}

function rename<T extends { id: string; name: string; dateModified?: string }>(
  items: Map<string, T>,
  id: string,
  name: string,
  kind: string,
  now?: () => Date,
): T {
  const item = items.get(id);
  if (!item) throw new Error(`no ${kind} with id ${id}`);
  item.name = requireName(name, kind);
  if (now) item.dateModified = now().toISOString();
  return item;
}

function requireName(name: string, kind: string): string {
  if (typeof name !== 'string' || name === '') throw new Error(`a ${kind} needs a name`);
  return name;
}
