import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { ConnectionCheckService } from './connection-check.service';
import { ConnectionsController } from './connections.controller';
import { ConnectionsService } from './connections.service';

/** HTTP process: the tenant registry (connections, their secrets, the credentials check) and the admin API keys. */
@Module({
  imports: [AuthModule],
  controllers: [ConnectionsController, ApiKeysController],
  providers: [ConnectionsService, ConnectionCheckService, ApiKeysService],
})
export class RegistryModule {}
