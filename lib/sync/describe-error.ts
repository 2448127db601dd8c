// The one place an error becomes a sentence a person can act on (conventions, habit 11). Run
// reports, history and the extension's attention strip all show these sentences. Messages of
// lib/errors.ts never hold secrets, and nothing here adds any.
import {
  AuthError,
  BadResponseError,
  ConflictError,
  NameClashError,
  NotFoundError,
  RateLimitedError,
  RejectedWriteError,
  type Service,
  ServiceUnavailableError,
  StaleObjectError,
  SyncError,
} from '../errors';

/** A person's decision that cannot be carried out as asked (item gone, candidate taken…); nothing was written. */
export class DecisionError extends SyncError {}

/**
 * A QuickBooks person whose name cannot give Karbon both a first and a last name (one word, or a
 * first name alone): Karbon would refuse it, so it is not sent.
 */
export class IncompleteNameError extends SyncError {
  constructor(readonly displayName: string) {
    super(`QuickBooks customer "${displayName}" has no first and last name`);
  }
}

/**
 * A create the other side would refuse (or refused) for one of the record's values: nothing is
 * sent; the sentence says what to correct and where (lib/sync/refused-values.ts).
 */
export class RefusedValueError extends SyncError {
  constructor(readonly sentence: string) {
    super(sentence);
  }
}

/** A setting that cannot work with what the services hold (e.g. a Contact Type Karbon lacks). */
export class SettingsProblem extends SyncError {}

const serviceName = (s: Service) => (s === 'quickbooks' ? 'QuickBooks' : 'Karbon');

function retryTime(ms: number | null): string {
  if (ms === null) return 'in a few minutes';
  const minutes = Math.ceil(ms / 60_000);
  return minutes <= 1 ? 'in a minute' : `in ${minutes} minutes`;
}

function clean(message: string): string {
  const trimmed = message.trim().replace(/[.\s]+$/u, '');
  return trimmed || 'no details given';
}

/**
 * What the service did, in the clients' own words when they already name it ("Karbon could not be
 * reached (GET …)"), else with the service named first.
 */
function said(err: { service: Service; message: string }, what: string): string {
  const name = serviceName(err.service);
  const message = clean(err.message);
  return message.startsWith(`${name} `) ? message : `${name} ${what} (${message})`;
}

/** One sentence: what happened, then what to do. */
export function describeError(err: unknown): string {
  if (err instanceof SettingsProblem || err instanceof DecisionError) return `${clean(err.message)}.`;
  if (err instanceof RefusedValueError) return err.sentence;
  if (err instanceof IncompleteNameError) {
    return `"${err.displayName}" has only one name in QuickBooks, and Karbon needs a first and a last name for a person: add them in QuickBooks (or a company name, if it is a business) and sync again.`;
  }
  if (err instanceof AuthError) {
    return err.service === 'quickbooks'
      ? 'QuickBooks authorization expired or was revoked: reconnect QuickBooks in Settings.'
      : 'Karbon rejected the API key: update the Karbon key in Settings.';
  }
  if (err instanceof RateLimitedError) {
    return `${serviceName(err.service)} is limiting requests: the sync will try again ${retryTime(err.retryAfterMs)}.`;
  }
  if (err instanceof ServiceUnavailableError) {
    return `${said(err, 'could not be reached')}: the next sync will try again; if it keeps happening, check the connection.`;
  }
  if (err instanceof BadResponseError) {
    return `${said(err, 'sent an answer the extension does not understand')}: try again later, and report it if it persists.`;
  }
  if (err instanceof NameClashError) {
    return `QuickBooks already has a customer, vendor or employee named "${err.displayName}": choose another name or link to the existing customer.`;
  }
  if (err instanceof StaleObjectError) {
    return `QuickBooks customer ${err.id} was changed by someone else during the sync: the next sync will pick up the change.`;
  }
  if (err instanceof RejectedWriteError) {
    const where = err.element ? ` (${err.element})` : '';
    const detail = clean(err.message.replace(/^(QuickBooks|Karbon) rejected the change:\s*/u, ''));
    // The engine writes to one side only values that came from the other: that is where to correct them.
    const source = err.service === 'karbon' ? 'QuickBooks' : 'Karbon';
    return `${serviceName(err.service)} refused the change${where}: ${detail}; correct the value in ${source} and sync again.`;
  }
  if (err instanceof ConflictError) {
    return `${serviceName(err.service)} kept changing the record while it was being updated: the next sync will try again.`;
  }
  if (err instanceof NotFoundError) {
    return `${serviceName(err.service)} no longer has the record (${clean(err.message)}): it was deleted or archived; check the client list.`;
  }
  if (err instanceof Error)
    return `Unexpected problem: ${clean(err.message)}; try again, and report it if it persists.`;
  return 'Unexpected problem: try again, and report it if it persists.';
}

/** The service an error concerns, when it names one (the badge's "reconnect" target). */
export function serviceOf(err: unknown): Service | null {
  if (
    err instanceof AuthError ||
    err instanceof RateLimitedError ||
    err instanceof ServiceUnavailableError ||
    err instanceof BadResponseError ||
    err instanceof RejectedWriteError ||
    err instanceof ConflictError ||
    err instanceof NotFoundError
  )
    return err.service;
  if (err instanceof NameClashError || err instanceof StaleObjectError) return 'quickbooks';
  return null;
}

/**
 * Errors after which the rest of the run cannot succeed either (credentials, throttling beyond
 * the retries, an unreachable or incomprehensible service): the run stops and reports failed.
 * Anything else concerns one record: it is reported and the run goes on.
 */
export function stopsTheRun(err: unknown): boolean {
  return (
    err instanceof AuthError ||
    err instanceof RateLimitedError ||
    err instanceof ServiceUnavailableError ||
    err instanceof BadResponseError ||
    // Not one of ours: a defect, not a record's problem; better to stop than to repeat it on every record.
    !(err instanceof SyncError)
  );
}
