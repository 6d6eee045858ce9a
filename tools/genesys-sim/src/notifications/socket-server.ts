import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { ChannelRegistry, LiveChannel } from './channel-registry';
import type { NotificationEnvelope, NotificationState } from './notification.model';
import type { NotificationOptions } from './notification-options';
import { CHANNEL_METADATA_TOPIC, SOCKET_CLOSING_TOPIC } from './topic-catalog';

export interface NotificationSocketServerDeps {
  registry: ChannelRegistry;
  options: () => NotificationOptions;
  state: NotificationState;
  now: () => Date;
}

const CHANNEL_PATH = /^\/channels\/([^/?#]+)\/?(?:[?#].*)?$/;

/**
 * The streaming side of the Notifications API on the sim's own HTTP server: `GET /channels/{id}` upgrades to a
 * WebSocket only for an existing, unexpired channel (else the handshake gets a plain 404). Per socket it sends the
 * `channel.metadata` heartbeat every `heartbeatIntervalMs`, answers the client's `{"message":"ping"}` text frame with
 * a pong on `channel.metadata`, and can warn with `v2.system.socket_closing` before closing.
 */
export class NotificationSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly heartbeats = new Map<WebSocket, NodeJS.Timeout>();
  private readonly closings = new Set<NodeJS.Timeout>();

  constructor(private readonly deps: NotificationSocketServerDeps) {}

  listen(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(request, socket, head));
  }

  /** `v2.system.socket_closing` now, then a normal close `closeAfterMs` later (the channel is kept or removed per `afterSocketClosing`). */
  warnClosing(channel: LiveChannel, closeAfterMs = this.deps.options().socketClosingDelayMs): void {
    const socket = channel.socket;
    if (!socket) return;
    this.sendSystem(channel, socket, SOCKET_CLOSING_TOPIC, {
      channelId: channel.id,
      systemTopicType: 'socket_closing',
      oauthClientId: channel.clientId,
      message: 'The WebSocket will be closed for maintenance. Create a new channel and subscribe again.',
    });
    const timer = setTimeout(() => {
      this.closings.delete(timer);
      if (this.deps.options().afterSocketClosing === 'removed') this.deps.registry.remove(channel, 'socket-closing');
      else if (socket.readyState === WebSocket.OPEN) socket.close(1000, 'socket closing');
    }, Math.max(0, closeAfterMs));
    this.closings.add(timer);
  }

  /** Fault: every socket is destroyed without a close frame (the client sees 1006); channels stay. */
  cutSockets(): number {
    const sockets = [...this.wss.clients];
    for (const socket of sockets) socket.terminate();
    return sockets.length;
  }

  close(): void {
    for (const timer of [...this.closings, ...this.heartbeats.values()]) clearTimeout(timer);
    this.closings.clear();
    this.heartbeats.clear();
    this.cutSockets();
    this.wss.close();
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const match = CHANNEL_PATH.exec(request.url ?? '');
    const channel = match ? this.deps.registry.find(safeDecode(match[1])) : undefined;
    if (!channel) return rejectHandshake(socket, 404, 'Not Found');
    if (channel.socket && this.deps.options().secondConnection === 'reject') return rejectHandshake(socket, 409, 'Conflict');
    this.wss.handleUpgrade(request, socket, head, (ws) => this.connected(channel, ws));
  }

  private connected(channel: LiveChannel, ws: WebSocket): void {
    if (!this.deps.registry.isLive(channel)) {
      ws.close(1000, 'channel removed');
      return;
    }
    const previous = channel.socket;
    if (previous) {
      this.deps.registry.detach(channel, previous);
      previous.close(1000, 'replaced by a new connection');
    }
    this.deps.registry.attach(channel, ws);
    this.scheduleHeartbeat(channel, ws);
    ws.on('message', (data, isBinary) => this.received(channel, ws, data, isBinary));
    ws.on('close', () => {
      clearTimeout(this.heartbeats.get(ws));
      this.heartbeats.delete(ws);
      this.deps.registry.detach(channel, ws);
    });
    ws.on('error', () => undefined);
  }

  /** Re-armed after each beat, so a runtime change of `heartbeatIntervalMs` applies from the next beat. */
  private scheduleHeartbeat(channel: LiveChannel, ws: WebSocket): void {
    const timer = setTimeout(() => {
      if (ws.readyState !== WebSocket.OPEN) return;
      const options = this.deps.options();
      if (!options.stopHeartbeats) this.sendSystem(channel, ws, CHANNEL_METADATA_TOPIC, { message: options.heartbeatMessage });
      this.scheduleHeartbeat(channel, ws);
    }, Math.max(1, this.deps.options().heartbeatIntervalMs));
    this.heartbeats.set(ws, timer);
  }

  /** The Java SDK's `sendPing()` writes `{"message":"ping"}`; anything else a client writes is ignored. */
  private received(channel: LiveChannel, ws: WebSocket, data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (typeof message === 'object' && message !== null && (message as { message?: unknown }).message === 'ping') {
      this.sendSystem(channel, ws, CHANNEL_METADATA_TOPIC, { message: 'pong' });
    }
  }

  private sendSystem(channel: LiveChannel, ws: WebSocket, topic: string, eventBody: Record<string, unknown>): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    const envelope: NotificationEnvelope = { topicName: topic, eventBody };
    ws.send(JSON.stringify(envelope));
    const message = typeof eventBody.message === 'string' ? eventBody.message : undefined;
    this.deps.state.systemMessagesSent.push({ topic, channelId: channel.id, at: this.deps.now().toISOString(), message });
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function rejectHandshake(socket: Duplex, status: number, text: string): void {
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
