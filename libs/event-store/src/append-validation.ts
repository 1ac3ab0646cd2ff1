import type { NewEvent } from '@skills-graph/domain';
import { InvalidAppendError } from './event-store.port.js';

export const maxEventBytes = 1_048_576;
const streamNamePattern = /^[A-Za-z0-9][A-Za-z0-9._:@$-]{0,199}$/;

/** Whether a stream of this name can exist (appends refuse any other name; reading one gives no events). */
export function isValidStreamName(streamName: unknown): streamName is string {
  return typeof streamName === 'string' && streamNamePattern.test(streamName);
}
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks an append before any adapter touches storage, so bad input never reaches the log. Returns the serialised payloads. */
export function validateAppend(streamName: string, events: readonly NewEvent[]): { data: string; metadata: string }[] {
  if (!isValidStreamName(streamName)) {
    throw new InvalidAppendError(
      `Invalid stream name ${JSON.stringify(streamName)}: expected 1-200 characters of letters, digits and . _ : @ $ -, starting with a letter or digit`,
      'streamName',
    );
  }
  if (events.length === 0) throw new InvalidAppendError('An append needs at least one event', 'events');
  const ids = new Set<string>();
  return events.map((event, i) => {
    const at = `events[${i}]`;
    if (!uuidPattern.test(event.id ?? '')) throw new InvalidAppendError(`${at}.id must be a UUID, got ${JSON.stringify(event.id)}`, `${at}.id`);
    if (ids.has(event.id.toLowerCase())) throw new InvalidAppendError(`${at}.id ${event.id} appears twice in one append`, `${at}.id`);
    ids.add(event.id.toLowerCase());
    if (typeof event.type !== 'string' || !/^[A-Za-z][A-Za-z0-9.]{0,99}$/.test(event.type)) {
      throw new InvalidAppendError(`${at}.type must be a name of letters and digits, got ${JSON.stringify(event.type)}`, `${at}.type`);
    }
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new InvalidAppendError(`${at}.schemaVersion must be a positive integer`, `${at}.schemaVersion`);
    }
    const m = event.metadata;
    if (!m || typeof m.correlationId !== 'string' || typeof m.actor !== 'string' || Number.isNaN(Date.parse(m.occurredAt))) {
      throw new InvalidAppendError(`${at}.metadata needs correlationId, actor and an ISO occurredAt`, `${at}.metadata`);
    }
    const data = serialise(event.data, `${at}.data`);
    if (data === undefined || typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) {
      throw new InvalidAppendError(`${at}.data must be a JSON object`, `${at}.data`);
    }
    if (Buffer.byteLength(data) > maxEventBytes) {
      throw new InvalidAppendError(`${at}.data is ${Buffer.byteLength(data)} bytes; the limit is ${maxEventBytes}`, `${at}.data`);
    }
    return { data, metadata: serialise(m, `${at}.metadata`)! };
  });
}

function serialise(value: unknown, field: string): string | undefined {
  try {
    return JSON.stringify(value, (key, v: unknown) => {
      // PostgreSQL keeps no NUL character in text or jsonb (it refuses the whole statement): refuse it here, coded.
      if ((typeof v === 'string' && v.includes('\u0000')) || key.includes('\u0000')) throw new InvalidAppendError(`${field} holds a NUL character (\\u0000), which the store cannot keep`, field);
      if (typeof v === 'bigint') throw new InvalidAppendError(`${field} holds a bigint, which JSON cannot carry`, field);
      if (typeof v === 'number' && !Number.isFinite(v)) throw new InvalidAppendError(`${field} holds a non-finite number`, field);
      return v;
    });
  } catch (error) {
    if (error instanceof InvalidAppendError) throw error;
    throw new InvalidAppendError(`${field} is not serialisable as JSON: ${(error as Error).message}`, field);
  }
}
