// The reference organisation as the embedded product's data folder: the synthetic reference set (10,000
// engineers in 200 teams, 50 skills, about a million events; libs/read-model/src/synthetic) appended to the
// product's own embedded store (personal data sealed, as the product stores it) in batches, with the level
// recomputer's and the relay's checkpoints at the head: the set carries its demonstrated levels already, and
// nothing of it is published again. The product started on the folder then folds the log as after any
// restart (the recomputer and the relay from position 0, having no stored state; the projector into an empty graph).
import { openEventStore } from '@skills-graph/event-store';
import { syntheticOrganisationEvents } from '@skills-graph/read-model';
import { assessmentConsumer } from '@skills-graph/assessment';
import { relayConsumer } from '@skills-graph/relay';
import { appendInChunks, referenceShape } from './bench-events.mjs';
import { fmt } from './bench-report.mjs';

/** Writes the reference organisation of `engineers` into DATA_DIR `dataDir`; returns its event count. */
export async function writeReferenceOrganisation(dataDir, engineers) {
  const events = syntheticOrganisationEvents(referenceShape(engineers));
  const opened = await openEventStore({ EVENT_STORE: 'embedded', DATA_DIR: dataDir });
  try {
    const started = performance.now();
    await appendInChunks(opened.store, events, {
      chunkSize: 2_000,
      prefix: 'reference',
      correlationId: 'bench-reference',
      onProgress: (n) => console.log(`  reference organisation: ${fmt(n)} of ${fmt(events.length)} events written`),
    });
    const head = await opened.store.headPosition();
    await opened.checkpoints.store(assessmentConsumer, head);
    await opened.checkpoints.store(relayConsumer, head);
    console.log(`  reference organisation: ${fmt(events.length)} events written in ${fmt((performance.now() - started) / 1000, 1)} s`);
    return events.length;
  } finally {
    await opened.close();
  }
}
