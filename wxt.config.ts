import { defineConfig } from 'wxt';

// Two builds: production (Intuit's and Karbon's hosts only) and the sandbox build
// (`wxt build --mode sandbox`), which also reaches the local sandbox on 127.0.0.1.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // WXT_OUT_DIR: a build of one's own, so an end-to-end run is not pulled from under Chromium by
  // another build of the same checkout (tests/e2e/harness.ts reads E2E_EXTENSION_DIR).
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  // Errors are told apart by their class name (RunError.code = 'AuthError' → "Reconnect"); the
  // minifier must not rename classes and functions.
  vite: () => ({ esbuild: { keepNames: true } }),
  manifest: ({ mode }) => ({
    name: mode === 'sandbox' ? 'Karbon ⇄ QuickBooks Sync (sandbox)' : 'Karbon ⇄ QuickBooks Sync',
    description: "Keeps an accounting firm's clients in sync between QuickBooks Online and Karbon.",
    permissions: ['alarms', 'storage', 'identity', 'unlimitedStorage'],
    host_permissions: [
      'https://appcenter.intuit.com/*',
      'https://oauth.platform.intuit.com/*',
      'https://developer.api.intuit.com/*',
      'https://quickbooks.api.intuit.com/*',
      'https://sandbox-quickbooks.api.intuit.com/*',
      'https://api.karbonhq.com/*',
      ...(mode === 'sandbox' ? ['http://127.0.0.1/*'] : []),
    ],
  }),
});
