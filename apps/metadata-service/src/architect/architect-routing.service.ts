import { Injectable } from '@nestjs/common';
import { type LookupResult, QueueResolver, RoutingLookup } from '@genesys-bridge/routing-lookup';
import { lookupFailure } from './architect-errors';
import { ArchitectConnections } from './architect-connections';
import type { LanguageResolveDto, NameResolvedBy, QueueResolveDto, SkillResolveDto } from './architect.dto';

/** Queue, skill and language names for Architect Data Actions, through the cached lookups. */
@Injectable()
export class ArchitectRoutingService {
  constructor(
    private readonly connections: ArchitectConnections,
    private readonly queues: QueueResolver,
    private readonly lookup: RoutingLookup,
  ) {}

  async resolveQueue(connectionId: string, name: string): Promise<QueueResolveDto> {
    const connection = await this.connections.load(connectionId);
    const resolution = await this.queues.resolve(connection, name).catch(rethrowAsHttp);
    return { ...resolution, requestedName: name.trim() };
  }

  async resolveSkill(connectionId: string, name: string): Promise<SkillResolveDto> {
    const result = await this.resolveName(connectionId, 'skill', name);
    return { found: result.found, skillId: result.id ?? '', skillName: result.name ?? '', resolvedBy: resolvedBy(result), requestedName: result.requestedName, source: result.source };
  }

  async resolveLanguage(connectionId: string, name: string): Promise<LanguageResolveDto> {
    const result = await this.resolveName(connectionId, 'language', name);
    return { found: result.found, languageId: result.id ?? '', languageName: result.name ?? '', resolvedBy: resolvedBy(result), requestedName: result.requestedName, source: result.source };
  }

  private async resolveName(connectionId: string, kind: 'skill' | 'language', name: string): Promise<LookupResult> {
    const connection = await this.connections.load(connectionId);
    return this.lookup.resolve(connection.id, kind, name).catch(rethrowAsHttp);
  }
}

function resolvedBy(result: LookupResult): NameResolvedBy {
  return result.found && result.matchedBy ? result.matchedBy : 'none';
}

function rethrowAsHttp(error: unknown): never {
  throw lookupFailure(error) ?? error;
}
