// The contract between the sandbox server (sandbox/server.ts + sandbox/core) and each emulated
// service (sandbox/intuit, sandbox/qbo, sandbox/karbon). The server parses the HTTP request,
// counts it, applies injected faults and latency, then hands it to the service that owns the
// path prefix. Services never touch node:http directly.

export interface SandboxRequest {
  method: string;
  /** Full URL (http://127.0.0.1:PORT/karbon/v3/Contacts?$top=10). */
  url: URL;
  /** Path after the service prefix, e.g. "/v3/Contacts" for /karbon/v3/Contacts. */
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** Raw body text ('' when none). */
  body: string;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string is sent as is (set content-type yourself); anything else as JSON. */
  body?: unknown;
}

export interface SandboxClock {
  /** Sandbox time in ms since the epoch (real time plus the advanced offset). */
  now(): number;
  advance(ms: number): void;
}

export interface SandboxConfig {
  /**
   * Rate-limit windows are divided by this (default 1): with 60, a "minute" lasts a second,
   * so a benchmark can compress time while the limits keep their counts.
   */
  timeScale: number;
  /** Added to every answer, in real milliseconds. */
  latencyMs: number;
  limits: {
    qbo: { perMinute: number; perSecond: number; concurrent: number; batchPerMinute: number };
    karbon: { perMinute: number };
  };
  /** Intuit authorize page: approve at once ('auto') or show Approve/Deny ('page'). */
  consent: 'auto' | 'page';
  /**
   * QuickBooks behaviours the notes leave UNCONFIRMED and a firm's real company might show
   * differently (docs/sandbox.md). Optional so older configs stay valid; GET fills the defaults.
   */
  qboRules?: QboRules;
  /**
   * Karbon behaviours the sources disagree on or a firm's account may differ in
   * (docs/sandbox-karbon.md). Optional like qboRules; missing keys take the defaults.
   */
  karbonRules?: Partial<KarbonRules>;
}

export interface KarbonRules {
  /** `$top` above 100: 'error' → 400 code 4002 (OpenAPI example, default), 'cap' → silently 100. */
  topOverLimit: 'error' | 'cap';
  /** Address/phone labels outside the OpenAPI enums: 'reject' → 400 (default), 'accept' (Karbon in 2022). */
  offListLabels: 'reject' | 'accept';
  /** PATCH without `Prefer: return=representation`: 'no-content' → 204 (default), 'representation' → 200. */
  patchWithoutPrefer: 'no-content' | 'representation';
  /** The API application may read and set Private records. Default false. */
  includePrivate: boolean;
  /** The API application may read and set Hidden records. Default false. */
  includeHidden: boolean;
  /** Real ms between a write's read and its commit; a write to the same record committing inside it wins, this one gets 409. Default 0. */
  writeMs: number;
}

export interface QboRules {
  /** DisplayName uniqueness ignores letter case ("Acme" clashes with "ACME"). Default true. */
  nameUniqueIgnoresCase: boolean;
  /** An inactive customer's, vendor's or employee's name still blocks reuse. Default true. */
  inactiveNamesBlock: boolean;
  /** Inactive records are returned with " (deleted)" after DisplayName. Default false. */
  deletedSuffix: boolean;
}

export interface SandboxContext {
  clock: SandboxClock;
  /** The live configuration (GET/PUT /__sandbox/config). */
  config(): SandboxConfig;
  /** The fixed demo credentials (GET /__sandbox/credentials). */
  credentials: SandboxCredentials;
}

export interface SandboxCredentials {
  intuit: { clientId: string; clientSecret: string; redirectUris: string[] };
  qbo: { realmId: string; accessToken: string; refreshToken: string; companyName: string };
  karbon: { bearerToken: string; accessKey: string; tenantName: string };
}

export interface SandboxService<State> {
  /** "/intuit", "/qbo" or "/karbon". */
  prefix: string;
  /** A stable route name for request counting, e.g. "GET /karbon/v3/Contacts/{key}". */
  routeOf(req: SandboxRequest): string;
  handle(req: SandboxRequest): Promise<SandboxResponse>;
  /** The body the service sends for an injected fault of this status (429, 500, 503). */
  faultResponse(status: number, req: SandboxRequest): SandboxResponse;
  getState(): State;
  /** Replace the whole state (missing server fields filled in). Throws with a message on bad input. */
  setState(state: State): void;
  /**
   * Optional: called when a request arrives, before injected faults and latency; `release` runs
   * once its answer has been sent. Lets a service count requests in flight (QuickBooks' 10
   * concurrent) and throttle at arrival by answering `reject` instead of dispatching.
   */
  admit?(req: SandboxRequest): { release(): void; reject?: SandboxResponse };
}
