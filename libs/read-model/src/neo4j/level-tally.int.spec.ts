import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import neo4j from 'neo4j-driver';
import type { SkillsGraphEvent } from '@skills-graph/domain';
import { InMemorySkillsGraph } from '../in-memory/in-memory-skills-graph.js';
import { neo4jForTests, type Neo4jForTests } from '../testing/neo4j-test-server.js';
import { recordedEvents } from '../testing/recorded-events.js';
import type { LevelDistributionQuery, SkillCoverageQuery } from '../directors/level-aggregates.js';
import { Neo4jSkillsGraph } from './neo4j-skills-graph.js';

// Random organisations applied in random batches to both read models: today's levelDistribution and
// skillCoverage (read from the LevelTally nodes on Neo4j, from the in-memory tally in memory) must give the
// same answers, and so must a graph whose tallies are counted from its levels at connect (a graph projected
// before the tallies existed, or with another version of them), and one whose tallies are stale (the level
// facts answer then).

const engineerIds = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'];
const teams = ['t1', 't2', 't3'];
const day = fc.integer({ min: 0, max: 300 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const manager = fc.option(fc.constantFrom(...engineerIds), { nil: null });
const someone = fc.constantFrom(...engineerIds, 'e9');
const placement = fc.record({ engineerId: someone, teamId: fc.constantFrom(...teams), managerId: manager, on: day });
const levelRecord = fc
  .record({
    engineerId: someone,
    frameworkId: fc.constantFrom('f1', 'f2'),
    competencyId: fc.constantFrom('mastery', 'impact'),
    skillId: fc.constantFrom<string | null>(null, 'go', 'kafka', 'unregistered'),
    level: fc.integer({ min: 0, max: 4 }),
  })
  .map(
    (d): SkillsGraphEvent =>
      ({ type: 'DemonstratedLevelRecorded', data: { ...d, frameworkVersion: 1, previousLevel: 0, evidenceIds: [], computedAt: '2026-06-01T00:00:00.000Z' } }) as SkillsGraphEvent,
  );
const event: fc.Arbitrary<SkillsGraphEvent> = fc.oneof(
  { weight: 1, arbitrary: placement.map(({ engineerId, teamId, managerId, on }): SkillsGraphEvent => ({ type: 'EngineerJoined', data: { engineerId, name: engineerId, email: null, title: 'Engineer', teamId, teamName: teamId, managerId, joinedOn: on } }) as SkillsGraphEvent) },
  { weight: 1, arbitrary: placement.map(({ engineerId, teamId, managerId, on }): SkillsGraphEvent => ({ type: 'EngineerMoved', data: { engineerId, teamId, teamName: teamId, managerId, title: 'Engineer', movedOn: on } })) },
  { weight: 1, arbitrary: fc.record({ engineerId: someone, on: day }).map(({ engineerId, on }): SkillsGraphEvent => ({ type: 'EngineerLeft', data: { engineerId, leftOn: on } })) },
  { weight: 4, arbitrary: levelRecord },
);
const registered: SkillsGraphEvent[] = ['go', 'kafka'].map((skillId) => ({ type: 'SkillRegistered', data: { skillId, name: skillId, aliases: [] } }));

const distributions: LevelDistributionQuery[] = ['mastery', 'impact'].flatMap((competencyId) =>
  [null, 'go', 'kafka'].flatMap((skillId) => (['TEAM', 'MANAGER', 'NONE'] as const).map((groupBy) => ({ competencyId, skillId, groupBy }))),
);
const coverages: SkillCoverageQuery[] = [1, 2, 3, 4].flatMap((minLevel) => [{ minLevel }, { minLevel, competencyId: 'mastery' }, { minLevel, competencyId: 'impact', teamId: 't2' }]);

async function answers(graph: InMemorySkillsGraph | Neo4jSkillsGraph) {
  return {
    distributions: await Promise.all([...distributions, { competencyId: 'mastery', skillId: 'go', groupBy: 'TEAM', teamId: 't1' } as const].map((q) => graph.levelDistribution(q))),
    coverages: await Promise.all(coverages.map((q) => graph.skillCoverage(q))),
  };
}

describe('LevelTally nodes on Neo4j against the in-memory tally', () => {
  let server: Neo4jForTests;
  let graph: Neo4jSkillsGraph;

  beforeAll(async () => {
    server = await neo4jForTests();
    graph = await Neo4jSkillsGraph.connect(server.connection);
  }, 180_000);
  afterAll(async () => {
    await graph?.close();
    await server?.stop();
  }, 60_000);

  async function cypher(statement: string): Promise<void> {
    const driver = neo4j.driver(server.connection.uri, neo4j.auth.basic(server.connection.username ?? 'neo4j', server.connection.password ?? ''));
    try {
      await driver.executeQuery(statement);
    } finally {
      await driver.close();
    }
  }

  /** Connects again, which backfills tallies that are not kept at this version. */
  async function reconnect(): Promise<void> {
    await (await Neo4jSkillsGraph.connect(server.connection)).close();
  }

  it('answers as the in-memory graph, whatever the batches, and after a backfill of the tallies at connect', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 5, maxLength: 50 }), fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 4 }), async (events, cuts) => {
        await graph.clear();
        const memory = new InMemorySkillsGraph();
        const recorded = recordedEvents([...registered, ...events]);
        await memory.applyEvents(recorded);
        for (let from = 0, i = 0; from < recorded.length; i++) {
          const batch = recorded.slice(from, from + cuts[i % cuts.length]!);
          await graph.applyEvents(batch);
          from += batch.length;
          if (i === 0) {
            // As if the graph had been projected before the tallies existed: none, no version; connecting counts them.
            await cypher('MATCH (t:LevelTally) DELETE t');
            await cypher('MATCH (c:ProjectionCheckpoint) REMOVE c.levelTally');
            await reconnect();
          }
        }
        const expected = await answers(memory);
        expect(await answers(graph)).toEqual(expected);

        // Tallies of another version (some missing): read from the level facts until a connect deletes and counts them again.
        await cypher('MATCH (t:LevelTally) WITH t LIMIT 3 DELETE t');
        await cypher('MATCH (c:ProjectionCheckpoint) SET c.levelTally = 1');
        expect(await answers(graph)).toEqual(expected);
        await reconnect();
        expect(await answers(graph)).toEqual(expected);
      }),
      { numRuns: 12 },
    );
  }, 600_000);
});
