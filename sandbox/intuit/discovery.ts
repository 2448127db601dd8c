/** Intuit's OpenID discovery document (qbo-notes §1.7), pointing at this sandbox. */
export function discoveryDocument(base: string): Record<string, unknown> {
  return {
    issuer: 'https://oauth.platform.intuit.com/op/v1',
    authorization_endpoint: `${base}/intuit/connect/oauth2`,
    token_endpoint: `${base}/intuit/oauth2/v1/tokens/bearer`,
    revocation_endpoint: `${base}/intuit/v2/oauth2/tokens/revoke`,
    jwks_uri: `${base}/intuit/op/v1/jwks`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'profile', 'address', 'phone'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    claims_supported: ['aud', 'exp', 'iat', 'iss', 'realmid', 'sub'],
  };
}
