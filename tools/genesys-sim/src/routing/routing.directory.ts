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

function requireName(name: string, kind: string): string {
  if (typeof name !== 'string' || name === '') throw new Error(`a ${kind} needs a name`);
  return name;
}
