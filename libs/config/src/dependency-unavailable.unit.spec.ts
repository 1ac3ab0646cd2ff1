import { describe, expect, it } from '@jest/globals';
import { DependencyUnavailableError, withDeadline } from './dependency-unavailable.js';

describe('withDeadline', () => {
  it('Given work that answers in time, Then its answer', async () => {
    await expect(withDeadline(Promise.resolve(42), 1_000, 'neo4j', 'a query')).resolves.toBe(42);
  });

  it('Given work that never answers, Then UNAVAILABLE naming the dependency once the bound has passed', async () => {
    const started = Date.now();
    const error = await withDeadline(new Promise(() => undefined), 50, 'kafka', 'a command').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(error).toMatchObject({ dependency: 'kafka', message: 'kafka did not answer a command within 50 ms' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('Given work that fails, Then its own error', async () => {
    await expect(withDeadline(Promise.reject(new Error('refused')), 1_000, 'postgres', 'a query')).rejects.toThrow('refused');
  });
});
