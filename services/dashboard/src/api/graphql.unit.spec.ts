import { describe, expect, it } from '@jest/globals';
import { GraphqlError, readResponse } from './graphql';

describe('reading a GraphQL answer', () => {
  it('gives the data of a successful answer', () => {
    expect(readResponse(200, { data: { teams: [] } })).toEqual({ teams: [] });
  });

  it('turns the first error into a GraphqlError with its code and field (a refusal is told by its code)', () => {
    const refusal = () => readResponse(403, { errors: [{ message: 'levelDistribution counts levels', extensions: { code: 'FORBIDDEN', field: 'authorization' } }], data: null });
    expect(refusal).toThrow(GraphqlError);
    try {
      refusal();
    } catch (error) {
      expect(error).toMatchObject({ code: 'FORBIDDEN', field: 'authorization', status: 403, message: 'levelDistribution counts levels' });
    }
  });

  it('fails a partial answer too, and an answer without data or a code', () => {
    expect(() => readResponse(200, { data: { a: 1 }, errors: [{ message: 'x', extensions: { code: 'BAD_USER_INPUT' } }] })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }) as unknown as Error);
    expect(() => readResponse(502, null)).toThrow(expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR', status: 502 }) as unknown as Error);
    expect(() => readResponse(200, { data: null })).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }) as unknown as Error);
  });
});
