import type { SandboxCredentials } from './types';

/**
 * The fixed demo credentials (GET /__sandbox/credentials). Shapes follow the real ones: Intuit
 * client ids start "AB" (50 chars), secrets are 40 chars, realm ids 16+ digits, refresh tokens
 * "RT1-…". Redirect URIs are patterns (docs/sandbox.md): the extension's id depends on where it
 * is unpacked, and tools listen on any port.
 */
export const DEMO_CREDENTIALS: SandboxCredentials = {
  intuit: {
    clientId: 'ABsAnDbOxQb0KarbonSyncDemoClientId0123456789abcdef',
    clientSecret: 'sAnDbOx0SeCrEt0DeMo0nLy0NoTrEaL012345678',
    redirectUris: ['https://*.chromiumapp.org/*', 'http://127.0.0.1:*/*', 'http://localhost:*/*'],
  },
  qbo: {
    realmId: '9341455130166501',
    accessToken: 'eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..sandbox-demo-access-token.sAnDbOx',
    refreshToken: 'RT1-39-H3-1785429816sandboxdemorefreshtok',
    companyName: 'Harbour & Pine Accounting',
  },
  karbon: {
    bearerToken: 'sandbox-karbon-bearer-token-0123456789abcdef',
    accessKey: 'sandbox-karbon-access-key-fedcba9876543210',
    tenantName: 'Harbour & Pine Accounting',
  },
};
