import { type RawData, WebSocket } from 'ws';
import { type ChannelMessage, parseChannelMessage } from './notification-topics';

/** The client ping of the Java SDK's `NotificationHandler.sendPing()`: Genesys answers on `channel.metadata` (§5). */
export const PING_FRAME = JSON.stringify({ message: 'ping' });
/** How long opening the WebSocket may take. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** After our close frame, how long the peer has to answer before the socket is destroyed. */
const CLOSE_GRACE_MS = 1_000;

export type SocketLoss = 'socket-closed' | 'heartbeat-timeout';

export interface SocketTimings {
  pingMs: number;
  /** The heartbeat interval Genesys keeps; nothing received for twice this long means the socket is dead. */
  heartbeatMs: number;
}

export interface SocketHandlers {
  onMessage(message: ChannelMessage): void;
  /** The socket died on its own (never after `close()`); called once. */
  onLost(reason: SocketLoss, detail: string): void;
}

/**
 * One WebSocket to one Notifications channel: pings every `pingMs`, and a watchdog that gives the socket up when
 * nothing at all (event, heartbeat, pong) arrived for two heartbeat intervals — a half-open TCP connection sends no
 * close, so without it a dead socket would look alive forever.
 */
export class NotificationSocket {
  private closedByUs = false;
  private lost = false;
  private readonly pinger: NodeJS.Timeout;
  private readonly watchdog: NodeJS.Timeout;

  private constructor(
    private readonly ws: WebSocket,
    timings: SocketTimings,
    private readonly handlers: SocketHandlers,
  ) {
    this.pinger = setInterval(() => {
      if (ws.readyState === WebSocket.OPEN) ws.send(PING_FRAME, () => undefined);
    }, timings.pingMs);
    this.watchdog = setTimeout(() => this.loseWith('heartbeat-timeout', `nothing received for ${timings.heartbeatMs * 2} ms`), timings.heartbeatMs * 2);
    this.pinger.unref();
    this.watchdog.unref();
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (this.closedByUs || this.lost) return;
      this.watchdog.refresh();
      if (isBinary) return;
      handlers.onMessage(parseChannelMessage(rawText(data), new Date()));
    });
    ws.on('close', (code: number, reason: Buffer) => this.loseWith('socket-closed', `closed ${code}${reason.length ? ` ${reason.toString()}` : ''}`));
    ws.on('error', (error: Error) => this.loseWith('socket-closed', error.message));
  }

  /** Opens the socket; rejects when it does not open within `CONNECT_TIMEOUT_MS`. */
  static connect(uri: string, timings: SocketTimings, handlers: SocketHandlers): Promise<NotificationSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(uri, { handshakeTimeout: CONNECT_TIMEOUT_MS });
      const fail = (error: Error) => {
        ws.removeAllListeners();
        ws.on('error', () => undefined);
        ws.terminate();
        reject(error);
      };
      ws.once('error', fail);
      ws.once('unexpected-response', (_request, response) => fail(new Error(`the channel answered ${response.statusCode} instead of a WebSocket`)));
      ws.once('close', (code: number) => fail(new Error(`the channel closed (${code}) before it opened`)));
      ws.once('open', () => {
        ws.removeAllListeners();
        resolve(new NotificationSocket(ws, timings, handlers));
      });
    });
  }

  get isOpen(): boolean {
    return !this.closedByUs && !this.lost && this.ws.readyState === WebSocket.OPEN;
  }

  /** Closes the socket on purpose: `onLost` is not called. */
  close(): void {
    if (this.closedByUs) return;
    this.closedByUs = true;
    this.stopTimers();
    this.ws.removeAllListeners();
    this.ws.on('error', () => undefined);
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close(1000);
    setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
  }

  private loseWith(reason: SocketLoss, detail: string): void {
    if (this.closedByUs || this.lost) return;
    this.lost = true;
    this.stopTimers();
    this.ws.removeAllListeners();
    this.ws.on('error', () => undefined);
    this.ws.terminate();
    this.handlers.onLost(reason, detail);
  }

  private stopTimers(): void {
    clearInterval(this.pinger);
    clearTimeout(this.watchdog);
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}
