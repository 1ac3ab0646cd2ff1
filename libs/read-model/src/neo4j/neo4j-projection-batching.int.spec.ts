import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import neo4j from 'neo4j-driver';
import type { RecordedEvent, SkillsGraphEvent } from '@skills-graph/domain';
import { seededRandom, syntheticOrganisationEvents } from '../synthetic/synthetic-organisation.js';
import { dumpNeo4jGraph } from '../testing/neo4j-graph-dump.js';
import { neo4jForTests, type Neo4jForTests } from '../testing/neo4j-test-server.js';
import { recordedEvents } from '../testing/recorded-events.js';
import { Neo4jSkillsGraph } from './neo4j-skills-graph.js';

// The projector batches, folds and diffs (evidence changes fold into a submission of the same batch,
// a level's proof is re-linked by difference). None of that may show in the graph: the same events
// give the same graph whether they arrive one per batch, all in one batch, or in uneven batches, and
// the relationships always mirror the properties they stand for.

const engineer = 'eng-000007';
const evidence = (evidenceId: string, skillIds: string[]): SkillsGraphEvent => ({
  type: 'EvidenceSubmitted',
  data: { evidenceId, engineerId: engineer, kind: 'design', title: evidenceId, url: null, date: '2026-06-01', projectId: null, skillIds, behaviourIds: ['mastery-3-1'], frameworkId: 'synthetic', submittedBy: engineer, submittedAt: '2026-06-01T10:00:00.000Z' },
});
const approved = (evidenceId: string): SkillsGraphEvent => ({ type: 'EvidenceApproved', data: { evidenceId, engineerId: engineer, approverId: 'eng-000000', approvedAt: '2026-06-02T10:00:00.000Z' } });
const level = (lvl: number, evidenceIds: string[], computedAt: string): SkillsGraphEvent => ({
  type: 'DemonstratedLevelRecorded',
  data: { engineerId: engineer, competencyId: 'mastery', skillId: 'go', level: lvl, previousLevel: 0, evidenceIds, frameworkId: 'synthetic', frameworkVersion: 1, computedAt },
});

/** Evidence changed after submission, and one level whose proof is replaced, dropped and proven again. */
const lifeOfOneLevel: SkillsGraphEvent[] = [
  evidence('ev-x1', ['go']),
  { type: 'EvidenceEndorsed', data: { evidenceId: 'ev-x1', engineerId: engineer, endorserId: 'eng-000003', comment: null, endorsedAt: '2026-06-01T11:00:00.000Z' } },
  approved('ev-x1'),
  evidence('ev-x2', ['skill-1']),
  { type: 'EvidenceAmended', data: { evidenceId: 'ev-x2', engineerId: engineer, changes: { skillIds: ['go', 'skill-2'], behaviourIds: ['mastery-4-1'] }, amendedBy: engineer, amendedAt: '2026-06-01T12:00:00.000Z' } },
  approved('ev-x2'),
  level(4, ['ev-x1', 'ev-x2'], '2026-06-02T10:00:00.000Z'),
  evidence('ev-x3', ['go']),
  approved('ev-x3'),
  level(5, ['ev-x2', 'ev-x3'], '2026-06-03T10:00:00.000Z'),
  { type: 'EvidenceWithdrawn', data: { evidenceId: 'ev-x2', engineerId: engineer, withdrawnBy: engineer, withdrawnAt: '2026-06-04T10:00:00.000Z', wasApproved: true } },
  level(0, [], '2026-06-04T10:00:00.000Z'),
  level(3, ['ev-x3'], '2026-06-05T10:00:00.000Z'),
  level(4, ['ev-x1', 'ev-x3'], '2026-06-06T10:00:00.000Z'),
  level(4, ['ev-x1'], '2026-06-07T10:00:00.000Z'),
  { type: 'EvidenceAmended', data: { evidenceId: 'ev-x3', engineerId: engineer, changes: { skillIds: ['skill-3'] }, amendedBy: engineer, amendedAt: '2026-06-05T11:00:00.000Z' } },
];

const events: RecordedEvent[] = recordedEvents([...syntheticOrganisationEvents({ engineers: 24, evidencePerEngineer: 5, levelRecordsPerEngineer: 5 }), ...lifeOfOneLevel]);

let server: Neo4jForTests;
let graph: Neo4jSkillsGraph;

beforeAll(async () => {
  server = await neo4jForTests();
  graph = await Neo4jSkillsGraph.connect(server.connection);
}, 240_000);

afterAll(async () => {
  await graph?.close();
  await server?.stop();
}, 60_000);

async function projectInBatches(sizes: () => number): Promise<Awaited<ReturnType<typeof dumpNeo4jGraph>>> {
  await graph.clear();
  for (let i = 0; i < events.length; ) {
    const size = sizes();
    await graph.applyEvents(events.slice(i, i + size));
    i += size;
  }
  expect(await graph.checkpoint()).toBe(events.at(-1)!.globalPosition);
  return dumpNeo4jGraph(server.connection);
}

/** Relationships that disagree with the property they mirror; empty when the graph is consistent. */
async function mismatchedRelationships(): Promise<string[]> {
  const driver = neo4j.driver(server.connection.uri, neo4j.auth.basic(server.connection.username ?? 'neo4j', server.connection.password ?? ''));
  try {
    const { records } = await driver.executeQuery(`
MATCH (d:DemonstratedLevel)
OPTIONAL MATCH (d)-[:PROVEN_BY]->(ev:Evidence)
WITH d, collect(ev.id) AS linked, COUNT { (:Engineer)-[:DEMONSTRATES]->(d) } AS owners
WHERE owners <> 1 OR size(linked) <> size(d.evidenceIds) OR any(id IN d.evidenceIds WHERE NOT id IN linked)
RETURN 'level ' + d.key AS problem
UNION ALL
MATCH (ev:Evidence) WHERE ev.status IS NOT NULL
WITH ev, COLLECT { MATCH (ev)-[:TAGGED]->(s:Skill) RETURN s.id } AS tagged, COLLECT { MATCH (ev)-[:CLAIMS]->(b:Behaviour) RETURN b.id } AS claimed
WHERE size(tagged) <> size(ev.skillIds) OR any(id IN ev.skillIds WHERE NOT id IN tagged)
   OR size(claimed) <> size(ev.behaviourIds) OR any(id IN ev.behaviourIds WHERE NOT id IN claimed)
RETURN 'evidence ' + ev.id AS problem`);
    return records.map((r) => r.get('problem') as string);
  } finally {
    await driver.close();
  }
}

describe('Neo4j projection: batching changes nothing', () => {
  it('builds the same graph from one event per batch, one batch, and uneven batches, with relationships that mirror their properties', async () => {
    const oneBatch = await projectInBatches(() => events.length);
    expect(await mismatchedRelationships()).toEqual([]);

    const random = seededRandom(11);
    const uneven = await projectInBatches(() => 1 + Math.floor(random() * 40));
    expect(await mismatchedRelationships()).toEqual([]);

    const onePerBatch = await projectInBatches(() => 1);
    expect(await mismatchedRelationships()).toEqual([]);

    expect(oneBatch.nodes.length).toBeGreaterThan(200);
    expect(uneven).toEqual(oneBatch);
    expect(onePerBatch).toEqual(oneBatch);

    // The level's final state: proven by ev-x1 alone, after being dropped and proven again.
    const [levels] = await graph.levelsOfEngineers([engineer]);
    expect(levels!.filter((l) => l.competencyId === 'mastery' && l.skillId === 'go').map((l) => [l.level, l.evidenceIds])).toEqual([[4, ['ev-x1']]]);
    const [evidenceX2] = await graph.evidenceByIds(['ev-x2']);
    expect(evidenceX2).toMatchObject({ status: 'withdrawn', skillIds: ['go', 'skill-2'], behaviourIds: ['mastery-4-1'], endorserIds: [] });
  }, 300_000);
});
