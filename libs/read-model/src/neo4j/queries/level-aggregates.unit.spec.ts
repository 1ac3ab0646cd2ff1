import { describe, expect, it } from '@jest/globals';
import { levelFactsCypher, neo4jLevelDistribution, neo4jProgression, neo4jSkillCoverage, tallyCoverageCypher, tallyDistributionCypher } from './level-aggregates.js';

// The Cypher the directors' level aggregates send, without a database; the answers are checked on a real
// Neo4j by the contract suite (neo4j-skills-graph.int.spec.ts).

describe("directors' level aggregates → Cypher", () => {
  it('reads current levels by one seek on (competencyId, skillId, level), narrowed to a team and a line', () => {
    expect(levelFactsCypher({ competencyId: 'mastery', skillIds: ['go'], teamId: 'payments', withinLineOf: 'e1' })).toMatchInlineSnapshot(`
{
  "cypher": "MATCH (d:DemonstratedLevel)
WHERE d.competencyId = $competencyId AND d.skillId IN $skillIds AND d.level >= $minLevel
MATCH (e:Engineer)-[:DEMONSTRATES]->(d)
WHERE e.teamId = $teamId AND (e.id = $withinLineOf OR (e)-[:REPORTS_TO*1..]->(:Engineer {id: $withinLineOf}))
WITH e, d
RETURN e.id AS engineerId, e.teamId AS teamId, e.managerId AS managerId, e.status AS status, e.joinedOn AS joinedOn, e.leftOn AS leftOn,
       collect([d.frameworkId, d.competencyId, d.skillId, d.level, d.computedAt]) AS facts",
  "params": {
    "competencyId": "mastery",
    "minLevel": 1,
    "skillIds": [
      "go",
    ],
    "teamId": "payments",
    "withinLineOf": "e1",
  },
}
`);
  });

  it('reads the level history up to an instant, in the order recorded, for one framework', () => {
    expect(levelFactsCypher({ competencyId: 'mastery', skillIds: [''], until: '2026-03-31T23:59:59.999Z', frameworkId: 'fw' })).toMatchInlineSnapshot(`
{
  "cypher": "MATCH (d:LevelRecord)
WHERE d.competencyId = $competencyId AND d.skillId IN $skillIds AND d.computedAt <= $until AND d.frameworkId = $frameworkId
MATCH (e:Engineer)-[:LEVEL_HISTORY]->(d)
WITH e, d ORDER BY d.position
RETURN e.id AS engineerId, e.teamId AS teamId, e.managerId AS managerId, e.status AS status, e.joinedOn AS joinedOn, e.leftOn AS leftOn,
       collect([d.frameworkId, d.competencyId, d.skillId, d.level, d.computedAt]) AS facts",
  "params": {
    "competencyId": "mastery",
    "frameworkId": "fw",
    "skillIds": [
      "",
    ],
    "until": "2026-03-31T23:59:59.999Z",
  },
}
`);
  });

  it('reads the skills of any competency at or above a level, without a scope', () => {
    expect(levelFactsCypher({ skillIds: ['go', 'kafka'], minLevel: 3 })).toMatchInlineSnapshot(`
{
  "cypher": "MATCH (d:DemonstratedLevel)
WHERE d.skillId IN $skillIds AND d.level >= $minLevel
MATCH (e:Engineer)-[:DEMONSTRATES]->(d)
WITH e, d
RETURN e.id AS engineerId, e.teamId AS teamId, e.managerId AS managerId, e.status AS status, e.joinedOn AS joinedOn, e.leftOn AS leftOn,
       collect([d.frameworkId, d.competencyId, d.skillId, d.level, d.computedAt]) AS facts",
  "params": {
    "minLevel": 3,
    "skillIds": [
      "go",
      "kafka",
    ],
  },
}
`);
  });

  it('reads the history once, up to the end of the last interval, for a progression', async () => {
    const sent: { cypher: string; params: Record<string, unknown> }[] = [];
    const view = await neo4jProgression(async (cypher, params) => {
      sent.push({ cypher, params });
      return [];
    }, { competencyId: 'mastery', skillId: 'go', from: '2026-01-01', to: '2026-06-30', interval: 'QUARTER' });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.params).toEqual({ competencyId: 'mastery', skillIds: ['go'], until: '2026-06-30T23:59:59.999Z' });
    expect(view.points.map((p) => [p.periodStart, p.total])).toEqual([
      ['2026-01-01', 0],
      ['2026-04-01', 0],
    ]);
  });

  it("reads today's distribution from a dimension's team or manager tallies (a prefix seek on level_tally_cover), or one team's by key", () => {
    expect(tallyDistributionCypher({ competencyId: 'mastery', skillId: null, groupBy: 'TEAM' })).toMatchInlineSnapshot(`
{
  "cypher": "OPTIONAL MATCH (c:ProjectionCheckpoint {name: $checkpoint})
WITH c IS NULL OR coalesce(c.levelTally = $version, false) AS kept
OPTIONAL MATCH (t:LevelTally)
WHERE kept AND t.cover STARTS WITH $prefix
RETURN kept, collect(substring(t.cover, size($prefix))) AS covers",
  "params": {
    "checkpoint": "skills-graph",
    "prefix": "["team","c:mastery|",",
    "version": 4,
  },
}
`);
    const tallies = { checkpoint: 'skills-graph', version: 4 };
    expect(tallyDistributionCypher({ competencyId: 'mastery', skillId: 'go', groupBy: 'MANAGER' })?.params).toEqual({ ...tallies, prefix: '["manager","c:mastery|go",' });
    expect(tallyDistributionCypher({ competencyId: 'mastery', skillId: 'go', groupBy: 'NONE' })?.params).toEqual({ ...tallies, prefix: '["team","c:mastery|go",' });
    expect(tallyDistributionCypher({ competencyId: 'mastery', skillId: 'go', groupBy: 'NONE', teamId: 'payments' })).toMatchInlineSnapshot(`
{
  "cypher": "OPTIONAL MATCH (c:ProjectionCheckpoint {name: $checkpoint})
WITH c IS NULL OR coalesce(c.levelTally = $version, false) AS kept
OPTIONAL MATCH (t:LevelTally {key: $key})
WHERE kept
RETURN kept, collect(substring(t.cover, size($prefix))) AS covers",
  "params": {
    "checkpoint": "skills-graph",
    "key": "["team","payments"]c:mastery|go",
    "prefix": "["team","c:mastery|go",",
    "version": 4,
  },
}
`);
  });

  it('leaves an instant, a framework, a reporting line and a team by manager to the level facts', () => {
    const base = { competencyId: 'mastery', skillId: 'go', groupBy: 'TEAM' } as const;
    expect(tallyDistributionCypher({ ...base, asOf: '2026-04-01T00:00:00.000Z' })).toBeNull();
    expect(tallyDistributionCypher({ ...base, frameworkId: 'fw' })).toBeNull();
    expect(tallyDistributionCypher({ ...base, withinLineOf: 'e1' })).toBeNull();
    expect(tallyDistributionCypher({ ...base, groupBy: 'MANAGER', teamId: 'payments' })).toBeNull();
    expect(tallyCoverageCypher({ minLevel: 3, asOf: '2026-04-01T00:00:00.000Z' })).toBeNull();
    expect(tallyCoverageCypher({ minLevel: 3, frameworkId: 'fw' })).toBeNull();
    expect(tallyCoverageCypher({ minLevel: 3, withinLineOf: 'e1' })).toBeNull();
  });

  it("reads today's coverage from every team tally of every skill by one prefix seek on their covers, or a team's tally of each registered skill by key", () => {
    expect(tallyCoverageCypher({ minLevel: 3 })).toMatchInlineSnapshot(`
{
  "cypher": "OPTIONAL MATCH (c:ProjectionCheckpoint {name: $checkpoint})
WITH c IS NULL OR coalesce(c.levelTally = $version, false) AS kept
CALL () {
  MATCH (s:Skill) WHERE s.name IS NOT NULL
  RETURN collect(s.id) AS skillIds
}
CALL (kept) {
  OPTIONAL MATCH (t:LevelTally)
  WHERE kept AND t.cover STARTS WITH $prefix
  RETURN collect(substring(t.cover, size($prefix))) AS covers
}
RETURN kept, skillIds, covers",
  "params": {
    "checkpoint": "skills-graph",
    "prefix": "["team","s:",
    "version": 4,
  },
}
`);
    expect(tallyCoverageCypher({ minLevel: 2, competencyId: 'mastery' })?.params).toEqual({ checkpoint: 'skills-graph', version: 4, prefix: '["team","c:mastery|' });
    expect(tallyCoverageCypher({ minLevel: 2, competencyId: 'mastery', teamId: 'payments' })).toMatchInlineSnapshot(`
{
  "cypher": "OPTIONAL MATCH (c:ProjectionCheckpoint {name: $checkpoint})
WITH c IS NULL OR coalesce(c.levelTally = $version, false) AS kept
CALL () {
  MATCH (s:Skill) WHERE s.name IS NOT NULL
  RETURN collect(s.id) AS skillIds
}
CALL (kept, skillIds) {
  UNWIND skillIds AS skillId
  OPTIONAL MATCH (t:LevelTally {key: $key + skillId})
  WHERE kept
  RETURN collect(substring(t.cover, size($prefix))) AS covers
}
RETURN kept, skillIds, covers",
  "params": {
    "checkpoint": "skills-graph",
    "key": "["team","payments"]c:mastery|",
    "prefix": "["team","c:mastery|",
    "version": 4,
  },
}
`);
  });

  it('turns tallies into groups with the median, and team holders into the organisation and its teams', async () => {
    // Covers after the dimension's prefix: the group, engineers at or above levels 1, 2, ..., the top member. Payments has two at L2 and one at L4.
    const row = { kept: true, covers: ['"payments",[3,3,1,1],"e9"]', '"",[1],null]', '"lending",[3,3,3],"e4"]'] };
    const read = async () => [row];
    expect(await neo4jLevelDistribution(read, { competencyId: 'mastery', groupBy: 'TEAM' })).toEqual({
      groups: [
        { groupId: '', counts: [{ level: 1, count: 1 }], total: 1, median: 1 },
        { groupId: 'lending', counts: [{ level: 3, count: 3 }], total: 3, median: 3 },
        { groupId: 'payments', counts: [{ level: 2, count: 2 }, { level: 4, count: 1 }], total: 3, median: 2 },
      ],
    });
    expect((await neo4jLevelDistribution(read, { competencyId: 'mastery', groupBy: 'MANAGER' })).groups.map((g) => g.groupId)).toEqual([null, 'lending', 'payments']);
    expect(await neo4jLevelDistribution(read, { competencyId: 'mastery', groupBy: 'NONE' })).toEqual({
      groups: [{ groupId: null, counts: [{ level: 1, count: 1 }, { level: 2, count: 2 }, { level: 3, count: 3 }, { level: 4, count: 1 }], total: 7, median: 3 }],
    });
    expect(await neo4jLevelDistribution(async () => [{ kept: true, covers: [] }], { competencyId: 'mastery', groupBy: 'NONE' })).toEqual({ groups: [{ groupId: null, counts: [], total: 0, median: null }] });

    // Covers after `["team","s:`: the rest of the skill's dimension, the team, at or above 1, 2, ..., the top member.
    const coverage = await neo4jSkillCoverage(
      async () => [
        {
          kept: true,
          skillIds: ['rust', 'kafka', 'go'],
          covers: ['go","payments",[4,2,2],"e1"]', 'go","lending",[1,1,1,1],"e:7"]', 'kafka","payments",[2,1,1],"e1"]', 'kafka","lending",[2,2],"e3"]', 'cobol","lending",[5,5,5],"e3"]'],
        },
      ],
      { minLevel: 3 },
    );
    expect(coverage).toEqual({
      minLevel: 3,
      organisation: [
        { skillId: 'go', teamId: null, holders: 3, soleHolderId: null, atRisk: false },
        { skillId: 'kafka', teamId: null, holders: 1, soleHolderId: 'e1', atRisk: true },
        { skillId: 'rust', teamId: null, holders: 0, soleHolderId: null, atRisk: true },
      ],
      teams: [
        { skillId: 'go', teamId: 'lending', holders: 1, soleHolderId: 'e:7', atRisk: true },
        { skillId: 'go', teamId: 'payments', holders: 2, soleHolderId: null, atRisk: false },
        { skillId: 'kafka', teamId: 'payments', holders: 1, soleHolderId: 'e1', atRisk: true },
      ],
    });
  });

  it('reads the level facts when the tallies are not kept at this version yet (a graph projected before them, being backfilled)', async () => {
    const sent: string[] = [];
    const read = async (cypher: string) => {
      sent.push(cypher.split('\n')[0]!);
      return cypher.startsWith('OPTIONAL MATCH (c:ProjectionCheckpoint') ? [{ kept: false, covers: [] }] : [];
    };
    expect(await neo4jLevelDistribution(read, { competencyId: 'mastery', groupBy: 'TEAM' })).toEqual({ groups: [] });
    expect(sent).toEqual(['OPTIONAL MATCH (c:ProjectionCheckpoint {name: $checkpoint})', 'MATCH (d:DemonstratedLevel)']);
  });
});
