import { describe, expect, it } from '@jest/globals';
import { levelFactsCypher, neo4jProgression } from './level-aggregates.js';

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
});
