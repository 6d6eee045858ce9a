import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SimContext } from '../sim-context';
import { parseBasicAuthorization } from './basic-auth';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

function oauthError(reply: FastifyReply, status: number, error: string, description: string): FastifyReply {
  return reply.code(status).send({ error, description, error_description: description });
}

/** `POST /oauth/token`, client-credentials grant with HTTP Basic client authentication (genesys-api.md §2.1). */
export function registerOAuthRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.addContentTypeParser(FORM_CONTENT_TYPE, { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.post('/oauth/token', async (request, reply) => {
    const credentials = parseBasicAuthorization(request.headers.authorization);
    if (!credentials) return oauthError(reply, 401, 'invalid_client', 'client authentication (HTTP Basic) is required');
    const client = ctx.clients.authenticate(credentials.username, credentials.password);
    if (!client) return oauthError(reply, 401, 'invalid_client', 'client not found or bad client credentials');
    if (!request.headers['content-type']?.toLowerCase().startsWith(FORM_CONTENT_TYPE)) {
      return oauthError(reply, 400, 'invalid_request', `the body must be ${FORM_CONTENT_TYPE}`);
    }
    const grantType = (request.body as Record<string, string> | undefined)?.grant_type;
    if (!grantType) return oauthError(reply, 400, 'invalid_request', 'grant_type is required');
    if (grantType !== 'client_credentials') {
      return oauthError(reply, 400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
    }
    const lifetimeSeconds = client.accessTokenValiditySeconds ?? ctx.options.tokenLifetimeSeconds;
    const token = ctx.tokens.issue(client, lifetimeSeconds);
    const expiresIn = Math.max(1, Math.ceil(lifetimeSeconds));
    ctx.state.tokensIssued.push({ clientId: client.clientId, issuedAt: new Date(token.issuedAt).toISOString(), expiresInSeconds: expiresIn });
    void reply.header('Cache-Control', 'no-store');
    return { access_token: token.token, token_type: 'bearer', expires_in: expiresIn };
  });
}
