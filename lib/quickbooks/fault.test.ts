import { describe, expect, it } from 'vitest';
import { describeFault, parseFault } from './fault';

describe('QuickBooks fault bodies', () => {
  it('upper-case JSON (400)', () => {
    const body = JSON.stringify({
      Fault: {
        Error: [
          {
            Message: 'Duplicate Name Exists Error',
            Detail: 'The name supplied already exists. : null',
            code: '6240',
            element: '',
          },
        ],
        type: 'ValidationFault',
      },
      time: '2026-01-01T00:00:00.000-08:00',
    });
    expect(parseFault(body)).toEqual({
      type: 'ValidationFault',
      errors: [
        {
          code: '6240',
          message: 'Duplicate Name Exists Error',
          detail: 'The name supplied already exists. : null',
          element: '',
        },
      ],
    });
  });

  it('lower-case JSON (401) with nulls and an epoch time', () => {
    const body = JSON.stringify({
      warnings: null,
      fault: {
        error: [
          {
            message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
            detail: 'Token expired',
            code: '3200',
            element: null,
          },
        ],
        type: 'AUTHENTICATION',
      },
      time: 1633520295688,
    });
    const fault = parseFault(body);
    expect(fault?.type).toBe('AUTHENTICATION');
    expect(fault?.errors[0]).toMatchObject({ code: '3200', element: '' });
  });

  it('XML throttle body (429)', () => {
    const body = `<?xml version="1.0"?><IntuitResponse time="2017-07-30T22:45:22.933-07:00" xmlns="http://schema.intuit.com/finance/v3">
      <Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>
      <Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>`;
    const fault = parseFault(body);
    expect(fault).toEqual({
      type: 'SERVICE',
      errors: [
        {
          code: '3001',
          message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
          detail: 'The request limit was reached.  Try again later',
          element: '',
        },
      ],
    });
  });

  it('XML validation fault with an element and escaped text', () => {
    const body = `<IntuitResponse><Fault type="ValidationFault"><Error code="6240" element="DisplayName"><Message>Duplicate Name Exists Error</Message><Detail>Another customer &amp; vendor&apos;s name</Detail></Error></Fault></IntuitResponse>`;
    const fault = parseFault(body);
    expect(fault?.errors[0]).toMatchObject({
      code: '6240',
      element: 'DisplayName',
      detail: "Another customer & vendor's name",
    });
    expect(fault && describeFault(fault)).toBe(
      "Duplicate Name Exists Error: Another customer & vendor's name (code 6240)",
    );
  });

  it.each(['', 'not json', '{"unexpected":true}', '<html>Bad gateway</html>'])(
    'an unreadable body %j → null',
    (body) => {
      expect(parseFault(body)).toBeNull();
    },
  );
});
