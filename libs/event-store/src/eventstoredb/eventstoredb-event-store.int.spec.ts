import { describe } from '@jest/globals';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

// No EventStoreDB server can run on the development machines. The adapter runs the same contract suite
// as the others whenever ESDB_CONNECTION_STRING is set, e.g.
//   docker run -d -p 2113:2113 docker.kurrent.io/kurrent-latest/kurrentdb:latest --insecure --run-projections=All
//   ESDB_CONNECTION_STRING='kurrentdb://127.0.0.1:2113?tls=false' npm run test:jest -- libs/event-store/src/eventstoredb
const connectionString = process.env['ESDB_CONNECTION_STRING'];

if (connectionString) {
  describeEventStoreContract('EventStoreDB', async () => {
    let store = EventStoreDbEventStore.connect(connectionString);
    return {
      store,
      async reopen() {
        await store.close();
        store = EventStoreDbEventStore.connect(connectionString);
        return store;
      },
      async dispose() {
        await store.close();
      },
    };
  });
} else {
  describe.skip('EventStoreDB contract: set ESDB_CONNECTION_STRING to run it against a server', () => {
    describeEventStoreContract('EventStoreDB', async () => {
      throw new Error('unreachable');
    });
  });
}
