// Typed errors shared by the clients and the engine. Each carries what the person should do;
// `describeError` (lib/sync) turns them into one sentence. Messages never contain secrets.

export type Service = 'quickbooks' | 'karbon';

export class SyncError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Credentials missing, expired, revoked or rejected: a person must reconnect. */
export class AuthError extends SyncError {
  constructor(
    readonly service: Service,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Throttled beyond what the client's retries absorb. */
export class RateLimitedError extends SyncError {
  constructor(
    readonly service: Service,
    readonly retryAfterMs: number | null,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The service answered with something that does not fit its documented shape. */
export class BadResponseError extends SyncError {
  constructor(
    readonly service: Service,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The service rejected a write (validation): the record needs a person. */
export class RejectedWriteError extends SyncError {
  constructor(
    readonly service: Service,
    readonly code: string,
    message: string,
    readonly element?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Network fault or 5xx after the bounded retries. */
export class ServiceUnavailableError extends SyncError {
  constructor(
    readonly service: Service,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** QuickBooks 5010: the SyncToken is stale. Re-read, re-plan, retry. */
export class StaleObjectError extends SyncError {
  constructor(
    readonly id: string,
    options?: { cause?: unknown },
  ) {
    super(`QuickBooks customer ${id} was changed by someone else meanwhile`, options);
  }
}

/** QuickBooks 6240: the DisplayName is held by a customer, vendor or employee. */
export class NameClashError extends SyncError {
  constructor(
    readonly displayName: string,
    options?: { cause?: unknown },
  ) {
    super(`QuickBooks already has a customer, vendor or employee named "${displayName}"`, options);
  }
}

/** Karbon 409 (4020) after the bounded re-read-and-retry. */
export class ConflictError extends SyncError {
  constructor(
    readonly service: Service,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A record the engine expected is gone (404 / 610). */
export class NotFoundError extends SyncError {
  constructor(
    readonly service: Service,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
