export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** A minimal Genesys API caller for the simulator's own tests (the product's client lives in libs/). */
export class SimApiClient {
  private token?: string;

  constructor(
    readonly baseUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
  ) {}

  static basicAuthorization(clientId: string, clientSecret: string): string {
    return `Basic ${Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64')}`;
  }

  async requestToken(grantType = 'client_credentials', secret = this.clientSecret): Promise<ApiResponse> {
    const response = await fetch(`${this.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { authorization: SimApiClient.basicAuthorization(this.clientId, secret), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: grantType }).toString(),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  }

  async accessToken(): Promise<string> {
    if (!this.token) {
      const response = await this.requestToken();
      if (response.status !== 200) throw new Error(`token request failed with ${response.status}`);
      this.token = response.body.access_token as string;
    }
    return this.token;
  }

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const token = await this.accessToken();
    return this.raw<T>(method, path, body, { authorization: `Bearer ${token}`, ...headers });
  }

  async raw<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** POST an inbound Open Messaging text message. */
  sendInbound(integrationId: string, message: Record<string, unknown>, prefetchConversationId = true): Promise<ApiResponse> {
    const query = prefetchConversationId ? '?prefetchConversationId=true' : '';
    return this.call('POST', `/api/v2/conversations/messages/${integrationId}/inbound/open/message${query}`, message);
  }
}

let messageCounter = 0;

/** A valid inbound message from `fromId`; override any part. */
export function inboundMessage(fromId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  messageCounter += 1;
  const { channel, ...rest } = overrides;
  return {
    channel: {
      messageId: `ext-${messageCounter}-${Date.now()}`,
      time: new Date().toISOString(),
      from: { id: fromId, idType: 'Opaque', nickname: 'Guest' },
      ...(channel as Record<string, unknown> | undefined),
    },
    text: `hello ${messageCounter}`,
    ...rest,
  };
}
