import { Module } from '@nestjs/common';
import { RoutingLookupModule } from '@genesys-bridge/routing-lookup';
import { AuthModule } from '../auth';
import { ArchitectConnections } from './architect-connections';
import { ArchitectRoutingService } from './architect-routing.service';
import { ArchitectController } from './architect.controller';
import { ConversationMetadataService } from './conversation-metadata.service';

/** HTTP: the Architect Data Action endpoints (queue/skill/language lookups, conversation metadata). */
@Module({
  imports: [AuthModule, RoutingLookupModule],
  controllers: [ArchitectController],
  providers: [ArchitectConnections, ArchitectRoutingService, ConversationMetadataService],
})
export class ArchitectModule {}
