// The provider-neutral parts of the OAuth authorization-code flow (RFC 6749 §4.1 with PKCE, RFC 7636): the
// request parameters every authorization URL carries, and the token request's form. Each provider adds its own
// scopes, prompts and endpoints.

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  state: string;
  /** PKCE S256 challenge (base64url SHA-256 of the verifier). */
  codeChallenge?: string;
  loginHint?: string;
}

export interface ExchangeParams {
  clientId: string;
  clientSecret: string;
  code: string;
  redirectUri: string;
  codeVerifier?: string;
}

/** Sets response_type, state, redirect_uri, client_id and the optional PKCE challenge and login hint. */
export function setAuthorizeParams(u: URL, p: AuthorizeParams): void {
  u.searchParams.set('response_type', 'code');
  u.searchParams.set('state', p.state);
  u.searchParams.set('redirect_uri', p.redirectUri);
  u.searchParams.set('client_id', p.clientId);
  if (p.codeChallenge) {
    u.searchParams.set('code_challenge', p.codeChallenge);
    u.searchParams.set('code_challenge_method', 'S256');
  }
  if (p.loginHint) u.searchParams.set('login_hint', p.loginHint);
}

/** The token endpoint form for the authorization-code grant. */
export function authorizationCodeForm(p: ExchangeParams): Record<string, string> {
  const form: Record<string, string> = {
    grant_type: 'authorization_code',
    code: p.code,
    redirect_uri: p.redirectUri,
    client_id: p.clientId,
    client_secret: p.clientSecret,
  };
  if (p.codeVerifier) form.code_verifier = p.codeVerifier;
  return form;
}
