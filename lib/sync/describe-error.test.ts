import { describe, expect, it } from 'vitest';
import {
  AuthError,
  BadResponseError,
  ConflictError,
  NameClashError,
  NotFoundError,
  RateLimitedError,
  RejectedWriteError,
  ServiceUnavailableError,
  StaleObjectError,
} from '../errors';
import { describeError, serviceOf, stopsTheRun } from './describe-error';

describe('describeError', () => {
  it.each([
    [new AuthError('quickbooks', 'invalid_grant'), /reconnect QuickBooks in Settings/, true],
    [new AuthError('karbon', '401'), /update the Karbon key in Settings/, true],
    [
      new RateLimitedError('karbon', 180_000, '429'),
      /Karbon is limiting requests: the sync will try again in 3 minutes/,
      true,
    ],
    [
      new ServiceUnavailableError('quickbooks', 'connection reset'),
      /QuickBooks could not be reached \(connection reset\)/,
      true,
    ],
    [
      new BadResponseError('karbon', 'missing ContactKey'),
      /does not understand \(missing ContactKey\)/,
      true,
    ],
    [new NameClashError('Ada Lovelace'), /named "Ada Lovelace": choose another name/, false],
    [new StaleObjectError('58'), /customer 58 was changed by someone else/, false],
    [
      new RejectedWriteError('karbon', '4002', 'LastName is required.', 'LastName'),
      /^Karbon refused the change \(LastName\): LastName is required; correct the value in QuickBooks and sync again\.$/,
      false,
    ],
    [
      new RejectedWriteError(
        'quickbooks',
        '2050',
        'QuickBooks rejected the change: String length is too long (code 2050)',
        'email',
      ),
      /^QuickBooks refused the change \(email\): String length is too long \(code 2050\); correct the value in Karbon/,
      false,
    ],
    [
      new ServiceUnavailableError(
        'karbon',
        'Karbon could not be reached (GET /karbon/v3/Contacts: connection failed)',
      ),
      /^Karbon could not be reached \(GET \/karbon\/v3\/Contacts: connection failed\): the next sync will try again/,
      true,
    ],
    [
      new BadResponseError('quickbooks', 'QuickBooks answered GET /x with something other than JSON'),
      /^QuickBooks answered GET \/x with something other than JSON: try again later/,
      true,
    ],
    [new ConflictError('karbon', '4020'), /next sync will try again/, false],
    [new NotFoundError('karbon', 'contact K1'), /no longer has the record \(contact K1\)/, false],
    [new Error('boom'), /Unexpected problem: boom/, true],
  ])('%s → one sentence with what to do', (err, sentence, stops) => {
    const text = describeError(err);
    expect(text).toMatch(sentence);
    expect(text.endsWith('.')).toBe(true);
    expect(stopsTheRun(err)).toBe(stops);
  });

  it('names the service a connection problem concerns', () => {
    expect(serviceOf(new AuthError('karbon', 'x'))).toBe('karbon');
    expect(serviceOf(new NameClashError('x'))).toBe('quickbooks');
    expect(serviceOf(new Error('x'))).toBeNull();
  });
});
