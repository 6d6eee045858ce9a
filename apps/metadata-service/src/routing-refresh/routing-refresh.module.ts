import { Module } from '@nestjs/common';
import { RoutingLookupModule } from '@genesys-bridge/routing-lookup';
import { RefreshDueNamesProcessor } from './refresh-due-names.processor';

/** Worker queue `routing-refresh`: the background renewal of cached routing names. */
@Module({ imports: [RoutingLookupModule], providers: [RefreshDueNamesProcessor] })
export class RoutingRefreshModule {}
