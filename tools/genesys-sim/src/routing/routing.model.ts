export interface QueueInput {
  id?: string;
  name: string;
  description?: string;
  memberCount?: number;
}

export interface SkillInput {
  id?: string;
  name: string;
}

export interface LanguageInput {
  id?: string;
  name: string;
}

export interface Queue {
  id: string;
  name: string;
  description?: string;
  memberCount: number;
  dateCreated: string;
}

export interface Skill {
  id: string;
  name: string;
  dateModified: string;
}

export interface Language {
  id: string;
  name: string;
  dateModified: string;
}
