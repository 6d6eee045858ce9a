// Test-only: the Genesys login side of a loopback server (`startLoopbackServer` of @genesys-bridge/testing).
// Typed structurally: this file is no spec, so the module-boundary lint does not let it import the testing lib.

/** The client-credentials answer of `POST /oauth/token`. */
export interface TokenAnswer {
  status: number;
  body: { access_token: string; token_type: string; expires_in: number };
}

/** Answers `/oauth/token` with numbered tokens (`token-1`, `token-2`, …) and everything else with `api`. */
export function withTokenEndpoint<TRequest extends { path: string }, TAnswer>(
  api: (request: TRequest) => TAnswer,
  expiresIn = 86_400,
): (request: TRequest) => TAnswer | TokenAnswer {
  let issued = 0;
  return (request) => {
    if (request.path === '/oauth/token') {
      issued += 1;
      return { status: 200, body: { access_token: `token-${issued}`, token_type: 'bearer', expires_in: expiresIn } };
    }
    return api(request);
  };
}
