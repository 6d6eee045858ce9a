import { Module } from '@nestjs/common';
import { OpenMessagingInbox } from './open-messaging-inbox.service';
import { OpenMessagingWebhookController } from './open-messaging-webhook.controller';
import { WebhookSignatureGuard } from './webhook-signature.guard';

/** HTTP process: Genesys' Open Messaging webhook into the inbox (the to-bot delivery workers read it). */
@Module({ controllers: [OpenMessagingWebhookController], providers: [WebhookSignatureGuard, OpenMessagingInbox] })
export class OpenMessagingModule {}
