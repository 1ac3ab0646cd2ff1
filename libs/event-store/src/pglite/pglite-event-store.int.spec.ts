import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlEventStore } from '../sql/sql-event-store.js';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { openPgliteClient } from './pglite-sql-client.js';

describeEventStoreContract('embedded PGlite persisted to a folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-pglite-'));
  let store = await SqlEventStore.open(await openPgliteClient(dir));
  return {
    store,
    globallyUniqueEventIds: true,
    async reopen() {
      await store.close();
      store = await SqlEventStore.open(await openPgliteClient(dir));
      return store;
    },
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
