// Both clients validate every answer the same way (conventions: validate at the boundary,
// never cast), so an unexpected shape reads the same whichever service sent it.
import type { z } from 'zod';
import { BadResponseError, type Service } from '../errors';
import { describeRequest, type HttpRequest, type HttpResponse, SERVICE_NAMES } from './transport';

/** The body as JSON checked against `schema`; otherwise a BadResponseError naming the request. */
export function parseResponse<S extends z.ZodType>(
  service: Service,
  res: Pick<HttpResponse, 'text'>,
  req: Pick<HttpRequest, 'method' | 'url'>,
  schema: S,
): z.infer<S> {
  const name = SERVICE_NAMES[service];
  let json: unknown;
  try {
    json = JSON.parse(res.text);
  } catch (error) {
    throw new BadResponseError(
      service,
      `${name} answered ${describeRequest(req)} with something other than JSON`,
      {
        cause: error,
      },
    );
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    // Three issues are enough to find the field; a whole page of them would drown the sentence.
    const where = result.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new BadResponseError(
      service,
      `${name} answered ${describeRequest(req)} in an unexpected shape (${where})`,
      {
        cause: result.error,
      },
    );
  }
  return result.data;
}
