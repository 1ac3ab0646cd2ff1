import { describe, expect, it } from '@jest/globals';
import { encodeStaffingCursor } from '../../directors/staffing.js';
import { InvalidQueryError } from '../../read-model.port.js';
import { staffingSearchCypher } from './staffing-search.js';

// The Cypher the staffing search sends, without a database; its answers are in the contract suite.
describe('staffingSearchCypher', () => {
  it('seeks each requirement in the level index, keeps engineers meeting all, ranks by margin and pages by cursor', () => {
    const after = encodeStaffingCursor({ margin: 2, engineer: { name: 'Ivy', id: 'e9' } });
    const { cypher, params } = staffingSearchCypher(
      {
        requirements: [
          { competencyId: 'mastery', skillId: 'go', levelAtLeast: 4 },
          { competencyId: 'mastery', skillId: null, levelAtLeast: 3 },
        ],
        teamId: 'payments',
        withinLineOf: 'dir',
      },
      { first: 20, after },
    );
    expect(cypher).toMatchInlineSnapshot(`
"UNWIND range(0, size($requirements) - 1) AS i
CALL (i) {
  WITH $requirements[i] AS req
  MATCH (d:DemonstratedLevel)
  WHERE d.competencyId = req.competencyId AND d.skillId = req.skillId AND d.level >= req.levelAtLeast
  RETURN count(d) AS holders
}
WITH i ORDER BY holders, i LIMIT 1
WITH $requirements[i] AS driving
MATCH (first:DemonstratedLevel)
WHERE first.competencyId = driving.competencyId AND first.skillId = driving.skillId AND first.level >= driving.levelAtLeast
MATCH (e:Engineer)-[:DEMONSTRATES]->(first)
WHERE e.status = 'active'
  AND (e)-[:MEMBER_OF]->(:Team {id: $teamId})
  AND (e.id = $withinLineOf OR (e)-[:REPORTS_TO*1..]->(:Engineer {id: $withinLineOf}))
WITH DISTINCT e
CALL (e) {
  UNWIND range(0, size($requirements) - 1) AS i
  WITH i, $requirements[i] AS req
  MATCH (e)-[:DEMONSTRATES]->(d:DemonstratedLevel)
  WHERE d.competencyId = req.competencyId AND d.skillId = req.skillId AND d.level >= req.levelAtLeast
  WITH i, req, d ORDER BY d.level DESC, d.frameworkId
  WITH i, req, head(collect(d)) AS best
  RETURN collect({i: i, level: best.level, frameworkId: best.frameworkId, evidenceIds: best.evidenceIds, margin: best.level - req.levelAtLeast}) AS met
}
WITH e, met WHERE size(met) = size($requirements)
WITH e, met, reduce(total = 0, m IN met | total + m.margin) AS margin
ORDER BY margin DESC, e.name, e.id
WITH collect({engineer: e, met: met, margin: margin}) AS matched
WITH matched, [x IN matched WHERE $afterMargin IS NULL OR x.margin < $afterMargin OR (x.margin = $afterMargin AND (x.engineer.name > $afterName OR (x.engineer.name = $afterName AND x.engineer.id > $afterId)))] AS rest
RETURN size(matched) AS total, rest[0..$first] AS page, size(rest) > $first AS more"
`);
    expect(params).toMatchInlineSnapshot(`
{
  "afterId": "e9",
  "afterMargin": 2,
  "afterName": "Ivy",
  "first": Integer {
    "high": 0,
    "low": 20,
  },
  "requirements": [
    {
      "competencyId": "mastery",
      "levelAtLeast": 4,
      "skillId": "go",
    },
    {
      "competencyId": "mastery",
      "levelAtLeast": 3,
      "skillId": "",
    },
  ],
  "teamId": "payments",
  "withinLineOf": "dir",
}
`);
  });

  it('leaves out the team and line conditions when not asked, and refuses an invalid query before any Cypher', () => {
    const { cypher } = staffingSearchCypher({ requirements: [{ competencyId: 'mastery', skillId: 'go', levelAtLeast: 1 }] }, { first: 5 });
    expect(cypher).not.toContain('MEMBER_OF');
    expect(cypher).not.toContain('REPORTS_TO');
    expect(() => staffingSearchCypher({ requirements: [] }, { first: 5 })).toThrow(InvalidQueryError);
  });
});
