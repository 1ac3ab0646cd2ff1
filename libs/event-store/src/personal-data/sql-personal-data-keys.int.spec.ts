import { openPgliteClient } from '../pglite/pglite-sql-client.js';
import { openPostgresClient } from '../postgres/postgres-sql-client.js';
import { SqlEventStore } from '../sql/sql-event-store.js';
import { describePersonalDataKeysContract } from '../testing/personal-data-keys.contract.js';
import { createTestDatabase } from '../testing/postgres-test-database.js';
import { SqlPersonalDataKeys } from './sql-personal-data-keys.js';

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
