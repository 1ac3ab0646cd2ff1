import { describe, expect, it } from '@jest/globals';
import type { NewEvent } from '@skills-graph/domain';
import { isValidStreamName, validateAppend } from './append-validation.js';
import { InvalidAppendError } from './event-store.port.js';

const event = (data: Record<string, unknown>): NewEvent =>
  ({ id: '0b6f2c1e-6b1d-4b7e-9a55-2d7e0c1f9a10', type: 'EvidenceSubmitted', schemaVersion: 1, data, metadata: { correlationId: 'c', causationId: null, actor: 'eng-1', occurredAt: '2026-01-01T00:00:00Z' } }) as NewEvent;

describe('append validation', () => {
  it('Given a NUL character in a value or a key of the data (PostgreSQL keeps none), When appended, Then it is refused as InvalidAppendError naming the data', () => {
    for (const data of [{ projectId: 'p\u0000' }, { nested: [{ text: 'a\u0000b' }] }, { ['k\u0000']: 1 }]) {
      expect(() => validateAppend('evidence-1', [event(data)])).toThrow(InvalidAppendError);
      expect(() => validateAppend('evidence-1', [event(data)])).toThrow('events[0].data holds a NUL character');
    }
    expect(validateAppend('evidence-1', [event({ text: 'no nul \\u0000 here, only a backslash' })])).toHaveLength(1);
  });

  it('tells which stream names can exist: letters, digits and . _ : @ $ -, no NUL, at most 200', () => {
    expect(['evidence-1', 'engineer-eng-0001', 'a'.repeat(200)].map(isValidStreamName)).toEqual([true, true, true]);
    expect(['', 'evidence-\u0000', '-x', 'a b', 'a'.repeat(201), 7].map(isValidStreamName)).toEqual([false, false, false, false, false, false]);
  });
});
