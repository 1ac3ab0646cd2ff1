import { SqlEventStore } from '../sql/sql-event-store.js';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { createTestDatabase } from '../testing/postgres-test-database.js';
import { openPostgresClient } from './postgres-sql-client.js';

describeEventStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  let store = await SqlEventStore.open(openPostgresClient(database.url));
  return {
    store,
    globallyUniqueEventIds: true,
    async reopen() {
      await store.close();
      store = await SqlEventStore.open(openPostgresClient(database.url));
      return store;
    },
    async dispose() {
      await store.close();
      await database.drop();
    },
  };
});
