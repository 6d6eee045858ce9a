import { Module } from '@nestjs/common';
import { ApiKeyGuard } from './api-key.guard';

/**
 * The admin API's authentication, for every HTTP module of the metadata service: import it and put
 * `@UseGuards(ApiKeyGuard) @Access('read' | 'write')` on the controller or route.
 */
@Module({ providers: [ApiKeyGuard], exports: [ApiKeyGuard] })
export class AuthModule {}
