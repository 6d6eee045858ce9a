import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Connection, HandoverEntity } from '@genesys-bridge/persistence';
import type { HandoverEndedDto, HandoverMessageAcceptedDto, HandoverStartedDto } from '../handover-api/handover-api.dto';
import { DEFAULT_END_REASON, HandoverService, type Outcome } from '../handovers/handover.service';
import type { CognigyEndDto, CognigyHandoverStartDto, CognigyHandoverStatusDto, CognigySessionDto, CognigyUserMessageDto } from './cognigy-handover.dto';
import { cognigyConversationId, cognigyHandoverRequest, cognigyHandoverStatus, cognigyUserMessage } from './cognigy-handover-request';

/**
 * The Cognigy-style intake (bot-platforms.md §A7–§A9): a Webhook/Socket endpoint transformer (or a Flow's HTTP
 * request) starts the handover, forwards user input while it is active and ends it; agent messages go to
 * `{endpointBaseUrl}/notify/{URLToken}` and the end of the handover to `…/inject/{URLToken}` as
 * `data.handover.status`. The endpoint is the connection's (`botPlatformSettings.endpointBaseUrl`,
 * `botPlatformSecrets.urlToken`), never the caller's, so a request cannot point agent messages elsewhere.
 */
@Injectable()
export class CognigyHandoverService {
  constructor(private readonly handovers: HandoverService) {}

  async start(connection: Connection, body: CognigyHandoverStartDto): Promise<Outcome<HandoverStartedDto>> {
    const endpointBaseUrl = connection.botPlatformSettings?.['endpointBaseUrl'];
    if (typeof endpointBaseUrl !== 'string' || endpointBaseUrl === '') {
      throw new ConflictException({ statusCode: 409, error: 'Conflict', message: 'this connection has no Cognigy endpoint: set botPlatformSettings.endpointBaseUrl and botPlatformSecrets.urlToken' });
    }
    const warnings: string[] = [];
    const request = cognigyHandoverRequest(body, warnings);
    const outcome = await this.handovers.start(connection, 'cognigy', request, { endpointBaseUrl, userId: body.userId, sessionId: body.sessionId });
    return outcome.created ? { ...outcome, body: { ...outcome.body, warnings: [...warnings, ...outcome.body.warnings] } } : outcome;
  }

  async send(connection: Connection, body: CognigyUserMessageDto): Promise<Outcome<HandoverMessageAcceptedDto>> {
    return this.handovers.send(await this.open(connection, body), cognigyUserMessage(body));
  }

  async typing(connection: Connection, body: CognigySessionDto): Promise<HandoverMessageAcceptedDto> {
    return this.handovers.typing(await this.open(connection, body));
  }

  async end(connection: Connection, body: CognigyEndDto): Promise<Outcome<HandoverEndedDto>> {
    const handover = await this.handovers.findLatest(connection.id, 'cognigy', cognigyConversationId(body));
    if (!handover) throw noHandover(body);
    return this.handovers.end(connection, handover, body.reason?.trim() || DEFAULT_END_REASON);
  }

  async status(connection: Connection, session: CognigySessionDto): Promise<CognigyHandoverStatusDto> {
    const handover = await this.handovers.findLatest(connection.id, 'cognigy', cognigyConversationId(session));
    if (!handover) throw noHandover(session);
    return { status: cognigyHandoverStatus(handover), handoverId: handover.id, endReason: handover.endReason };
  }

  /** The session's open handover; 404 tells the transformer to give the input to the Flow instead. */
  private async open(connection: Connection, session: CognigySessionDto): Promise<HandoverEntity> {
    const handover = await this.handovers.findOpen(connection.id, 'cognigy', cognigyConversationId(session));
    if (!handover) throw noHandover(session);
    return handover;
  }
}

function noHandover(session: CognigySessionDto): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'Not Found', message: `no open handover for Cognigy session ${session.sessionId.slice(0, 64)}; give the input to the Flow` });
}
