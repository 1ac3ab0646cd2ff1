// The reference organisation as the embedded product's data folder: the synthetic reference set (10,000
// engineers in 200 teams, 50 skills, about a million events; libs/read-model/src/synthetic) appended to the
// product's own embedded store (personal data sealed, as the product stores it) in batches, with the level
// recomputer's and the relay's checkpoints at the head: the set carries its demonstrated levels already, and
// nothing of it is published again. The product started on the folder then folds the log as after any
// restart (the recomputer and the relay from position 0, having no stored state; the projector into an empty graph).
import { randomUUID } from 'node:crypto';
import { currentSchemaVersions } from '@skills-graph/domain';
import { openEventStore } from '@skills-graph/event-store';
import { syntheticOrganisationEvents } from '@skills-graph/read-model';
import { assessmentConsumer } from '@skills-graph/assessment';
import { relayConsumer } from '@skills-graph/relay';
import { fmt } from './bench-report.mjs';

/** The reference set's shape (docs/benchmarks.md): the same generator and seed as the graph benchmark's. */
export const referenceShape = (engineers) => ({ engineers, teams: Math.max(1, Math.round(engineers / 50)), skills: 50, evidencePerEngineer: 40, levelRecordsPerEngineer: 20, seed: 7 });

/** Writes the reference organisation of `engineers` into DATA_DIR `dataDir`; returns its event count. */
export async function writeReferenceOrganisation(dataDir, engineers) {
  const events = syntheticOrganisationEvents(referenceShape(engineers));
  const opened = await openEventStore({ EVENT_STORE: 'embedded', DATA_DIR: dataDir });
  try {
    const started = performance.now();
    for (let i = 0, batch = 0; i < events.length; i += 2_000, batch += 1) {
      const chunk = events.slice(i, i + 2_000).map((e) => ({ id: randomUUID(), type: e.type, schemaVersion: currentSchemaVersions[e.type], data: e.data, metadata: { correlationId: 'bench-reference', causationId: null, actor: 'bench', occurredAt: '2026-11-01T00:00:00.000Z' } }));
      await opened.store.appendToStream(`reference-${batch}`, chunk, 'no_stream');
      if (batch % 100 === 99) console.log(`  reference organisation: ${fmt(i + chunk.length)} of ${fmt(events.length)} events written`);
    }
    const head = await opened.store.headPosition();
    await opened.checkpoints.store(assessmentConsumer, head);
    await opened.checkpoints.store(relayConsumer, head);
    console.log(`  reference organisation: ${fmt(events.length)} events written in ${fmt((performance.now() - started) / 1000, 1)} s`);
    return events.length;
  } finally {
    await opened.close();
  }
}
