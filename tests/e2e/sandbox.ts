// The local sandbox for end-to-end tests: started in-process on port 0, with its control API.
import { startSandbox } from '../../sandbox/server';

export interface Credentials {
  intuit: { clientId: string; clientSecret: string };
  qbo: { realmId: string; companyName: string };
  karbon: { bearerToken: string; accessKey: string; tenantName: string };
}

export interface E2ESandbox {
  url: string;
  credentials: Credentials;
  control<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startE2ESandbox(opts: Parameters<typeof startSandbox>[0] = {}): Promise<E2ESandbox> {
  const sandbox = await startSandbox({ port: 0, ...opts });
  async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${sandbox.url}/__sandbox/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : null) as T;
  }
  const credentials = await control<Credentials>('GET', 'credentials');
  return { url: sandbox.url, credentials, control, close: () => sandbox.close() };
}
