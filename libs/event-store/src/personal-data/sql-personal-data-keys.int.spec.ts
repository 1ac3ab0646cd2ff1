import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { openPgliteClient } from '../pglite/pglite-sql-client.js';
import { openPostgresClient } from '../postgres/postgres-sql-client.js';
import { SqlEventStore } from '../sql/sql-event-store.js';
import { describePersonalDataKeysContract } from '../testing/personal-data-keys.contract.js';
import { createTestDatabase } from '../testing/postgres-test-database.js';
import { SqlPersonalDataKeys } from './sql-personal-data-keys.js';
import { ProcessLocalKeyCache } from './process-local-key-cache.js';
import type { PersonalDataKeys } from './personal-data-keys.port.js';

describePersonalDataKeysContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const stores = [await SqlEventStore.open(openPostgresClient(database.url))];
  return {
    keys: new SqlPersonalDataKeys(stores[0]!.sqlClient),
    async reopen() {
      const store = await SqlEventStore.open(openPostgresClient(database.url));
      stores.push(store);
      return new SqlPersonalDataKeys(store.sqlClient);
    },
    async dispose() {
      for (const store of stores) await store.close();
      await database.drop();
    },
  };
});

describePersonalDataKeysContract('embedded PGlite', async () => {
  const store = await SqlEventStore.open(await openPgliteClient());
  return {
    keys: new SqlPersonalDataKeys(store.sqlClient),
    reopen: async () => new SqlPersonalDataKeys(store.sqlClient),
    dispose: () => store.close(),
  };
});

describePersonalDataKeysContract('embedded PGlite behind the process-local cache', async () => {
  const store = await SqlEventStore.open(await openPgliteClient());
  return {
    keys: new ProcessLocalKeyCache(new SqlPersonalDataKeys(store.sqlClient)),
    reopen: async () => new ProcessLocalKeyCache(new SqlPersonalDataKeys(store.sqlClient)),
    dispose: () => store.close(),
  };
});

describe('the process-local key cache', () => {
  let store: SqlEventStore;
  beforeAll(async () => {
    store = await SqlEventStore.open(await openPgliteClient());
  }, 60_000);
  afterAll(async () => store.close());

  /** The real key table, with each lookup held until released: an erasure can then run while a lookup is under way. */
  const heldLookups = () => {
    const stored = new SqlPersonalDataKeys(store.sqlClient);
    const held: (() => void)[] = [];
    let hold = false;
    const keys: PersonalDataKeys = {
      getOrCreate: (id) => stored.getOrCreate(id),
      erase: (id) => stored.erase(id),
      async get(ids) {
        const found = await stored.get(ids);
        if (hold) await new Promise<void>((release) => held.push(release));
        return found;
      },
    };
    return { keys, stored, holdNext: () => (hold = true), release: () => ((hold = false), held.splice(0).forEach((r) => r())) };
  };

  it('Given a remembered key, When the subject is erased here, Then the key is gone at once', async () => {
    const cache = new ProcessLocalKeyCache(new SqlPersonalDataKeys(store.sqlClient));
    const id = `eng-${randomUUID()}`;
    expect(await cache.getOrCreate(id)).toBeInstanceOf(Buffer);
    expect((await cache.get([id])).get(id)).toBeInstanceOf(Buffer);
    expect(await cache.erase(id)).toBe(true);
    expect((await cache.get([id])).get(id)).toBeNull();
    expect(await cache.getOrCreate(id)).toBeNull();
  });

  it('Given a lookup under way, When the subject is erased before it answers, Then the key it found is not remembered', async () => {
    const { keys, stored, holdNext, release } = heldLookups();
    const cache = new ProcessLocalKeyCache(keys);
    const id = `eng-${randomUUID()}`;
    await stored.getOrCreate(id);
    holdNext();
    const lookup = cache.get([id]);
    await new Promise((r) => setTimeout(r, 50)); // the lookup has its answer and waits
    expect(await cache.erase(id)).toBe(true);
    release();
    expect((await lookup).get(id)).toBeInstanceOf(Buffer); // it answered what it read before the erasure
    expect((await cache.get([id])).get(id)).toBeNull(); // but did not keep it
  });

  it('keeps at most its number of entries, forgetting the oldest', async () => {
    const stored = new SqlPersonalDataKeys(store.sqlClient);
    let lookups = 0;
    const counting: PersonalDataKeys = { getOrCreate: (id) => stored.getOrCreate(id), erase: (id) => stored.erase(id), get: (ids) => ((lookups += 1), stored.get(ids)) };
    const cache = new ProcessLocalKeyCache(counting, 2);
    const [a, b, c] = [1, 2, 3].map(() => `eng-${randomUUID()}`);
    for (const id of [a!, b!, c!]) await stored.getOrCreate(id);
    await cache.get([a!, b!, c!]); // remembers a, then b, then c: a is forgotten
    lookups = 0;
    await cache.get([b!, c!]);
    expect(lookups).toBe(0);
    await cache.get([a!]);
    expect(lookups).toBe(1);
  });
});
