/**
 * Genesys Cloud CX API client (no NestJS; apps wrap GenesysClient in a provider).
 *
 * Retries: a call never loops. The only retry inside is one repeat after a 401, with a freshly requested token.
 * Every other failure throws GenesysApiError and the caller (a queue worker) decides, using:
 * - `retryable` and `retryAfterMs` (429: wait exactly this long, design.md §6; 408/5xx/network/timeout: back off);
 * - `kind`: `rate-limited` | `transient` | `permanent` (other 4xx: do not retry) | `auth` (credentials refused).
 * Errors carry the `ININ-Correlation-Id` and never contain the client secret or tokens.
 *
 * Tokens are cached per (login base URL, client id) for the whole process and refreshed before expiry.
 */
export * from './lib/regions';
export * from './lib/retry-after';
export { budgetWindowFor, RATE_BUDGET_WINDOW_SECONDS, type BudgetWindow } from './lib/rate-budget-window';
export {
  GenesysApiError,
  classifyHttpStatus,
  isGenesysApiError,
  CORRELATION_ID_HEADER,
  type GenesysErrorKind,
} from './lib/genesys-api.error';
export { TokenCache, sharedTokenCache, refreshMarginMs, type AccessTokenGrant } from './lib/auth/token-cache';
export { type ClientSecretSource, type GenesysCredentials } from './lib/auth/genesys-auth';
export { type GenesysCallOptions } from './lib/http/genesys-api.transport';
export { type SendInboundMessageOptions } from './lib/open-messaging/open-messaging.client';
export * from './lib/open-messaging/open-messaging.types';
export * from './lib/conversations/conversations.types';
export * from './lib/routing/routing.types';
export { LOOKUP_PAGE_SIZE, MAX_LOOKUP_PAGES } from './lib/routing/routing.client';
export * from './lib/bot-connector/bot-connector.types';
export * from './lib/notifications/notifications.types';
export { GenesysClientPool, type GenesysConnectionDetails } from './lib/genesys-client.pool';
export { GenesysClient, DEFAULT_TIMEOUT_MS, DEFAULT_USER_AGENT, type GenesysClientOptions } from './lib/genesys.client';
