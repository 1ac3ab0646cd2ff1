import { personalDataOfEvents, type NewEvent, type PersonalDataOfEvent, type RecordedEvent } from '@skills-graph/domain';
import type {
  AppendResult,
  EventStore,
  EventStoreSubscription,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeToAllOptions,
} from '../event-store.port.js';
import { isSealed, seal, sealedField, unseal } from './personal-data-cipher.js';
import type { PersonalDataKeys } from './personal-data-keys.port.js';

type Data = Record<string, unknown>;
export type PersonalDataPolicy = Partial<Record<string, PersonalDataOfEvent>>;

/**
 * The event store with personal data sealed (crypto-shredding), as a decorator of any EventStore.
 *
 * On append, the personal fields of an event (personalDataOfEvents) are taken out of its data and stored
 * encrypted under `$personal` with the key of the person they are about. On read (streams, the global
 * log, subscriptions) they are put back. Once the person is erased their key is gone: the fields read as
 * the documented placeholders and the event's data carries `erased: true`. Events stored before
 * encryption (plaintext, no `$personal`) read as stored until their subject is erased, then as
 * placeholders too. Every reader (command handlers, projector, assessment, relay, rebuilds) goes
 * through this, so all see the same thing.
 */
export class ProtectedEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    readonly keys: PersonalDataKeys,
    private readonly policy: PersonalDataPolicy = personalDataOfEvents,
  ) {}

  async appendToStream(streamName: string, events: readonly NewEvent[], expectedRevision?: ExpectedRevision): Promise<AppendResult> {
    const keys = new Map<string, Buffer | null>();
    const sealed: NewEvent[] = [];
    for (const event of events) {
      const policy = this.policy[event.type];
      const data = event.data as Data;
      if (!policy || typeof data !== 'object' || data === null || sealedField in data) {
        sealed.push(event);
        continue;
      }
      const subject = policy.subject(data);
      if (!keys.has(subject)) keys.set(subject, await this.keys.getOrCreate(subject));
      const key = keys.get(subject)!;
      const { rest, values } = takeFields(data, policy);
      if (Object.keys(values).length === 0) {
        sealed.push(event);
      } else if (key === null) {
        // The person is erased: personal data sent about them now is not kept.
        sealed.push({ ...event, data: withPlaceholders(rest, policy, Object.keys(values)) });
      } else {
        sealed.push({ ...event, data: { ...rest, [sealedField]: seal(key, subject, event.id, values) } });
      }
    }
    return this.inner.appendToStream(streamName, sealed, expectedRevision);
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.reveal(await this.inner.readStream(streamName, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.reveal(await this.inner.readAll(options));
  }

  headPosition(): Promise<bigint> {
    return this.inner.headPosition();
  }

  subscribeToAll(options: SubscribeToAllOptions): EventStoreSubscription {
    return this.inner.subscribeToAll({ ...options, onEvents: async (events) => options.onEvents(await this.reveal(events)) });
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Puts personal fields back, or placeholders for erased people; one key lookup per batch. */
  async reveal(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const subjects = new Set<string>();
    for (const event of events) {
      const policy = this.policy[event.type];
      if (policy && typeof event.data === 'object' && event.data !== null) subjects.add(policy.subject(event.data as Data));
    }
    if (subjects.size === 0) return events;
    const keys = await this.keys.get([...subjects]);
    return events.map((event) => {
      const policy = this.policy[event.type];
      if (!policy || typeof event.data !== 'object' || event.data === null) return event;
      const data = event.data as Data;
      const subject = policy.subject(data);
      const key = keys.get(subject);
      const sealedValue = data[sealedField];
      if (!isSealed(sealedValue)) {
        // Stored in plaintext (before encryption, or after the erasure): as stored, blanked once erased.
        if (key !== null) return event;
        const { rest, values } = takeFields(data, policy);
        return { ...event, data: { ...withPlaceholders(rest, policy, Object.keys(values)), erased: true } };
      }
      const { [sealedField]: _sealed, ...rest } = data;
      if (key === undefined || key === null) {
        return { ...event, data: { ...withPlaceholders(rest, policy, sealedValue.fields), erased: true } };
      }
      const values = unseal(key, subject, event.id, sealedValue);
      let restored: Data = rest;
      for (const [path, value] of Object.entries(values)) restored = setPath(restored, path.split('.'), value);
      return { ...event, data: restored };
    });
  }
}

/** Splits the personal fields (those present) from the rest of an event's data. */
function takeFields(data: Data, policy: PersonalDataOfEvent): { rest: Data; values: Data } {
  let rest = data;
  const values: Data = {};
  for (const field of policy.fields) {
    const parent = getPath(rest, field.path.slice(0, -1));
    const name = field.path.at(-1)!;
    if (typeof parent !== 'object' || parent === null || !(name in parent)) continue;
    values[field.path.join('.')] = (parent as Data)[name];
    rest = removePath(rest, field.path);
  }
  return { rest, values };
}

function withPlaceholders(data: Data, policy: PersonalDataOfEvent, present: readonly string[]): Data {
  let result = data;
  for (const field of policy.fields) {
    if (present.includes(field.path.join('.'))) result = setPath(result, field.path, field.placeholder);
  }
  return result;
}

function getPath(data: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Data)[key] : undefined), data);
}

/** A copy of data with the value at path set (objects on the way are copied, never mutated). */
function setPath(data: Data, path: readonly string[], value: unknown): Data {
  const [head, ...tail] = path;
  if (tail.length === 0) return { ...data, [head!]: value };
  const child = data[head!];
  return { ...data, [head!]: setPath(typeof child === 'object' && child !== null ? (child as Data) : {}, tail, value) };
}

function removePath(data: Data, path: readonly string[]): Data {
  const [head, ...tail] = path;
  if (tail.length === 0) {
    const { [head!]: _removed, ...rest } = data;
    return rest;
  }
  const child = data[head!];
  if (typeof child !== 'object' || child === null) return data;
  return { ...data, [head!]: removePath(child as Data, tail) };
}
