import { describe, expect, it } from '@jest/globals';
import { gapFactsCypher, publishedVersionCypher, readinessFactsCypher } from './level-gaps.js';

// The Cypher gapToNextLevel and promotionReadiness send, without a database; the contract suite runs them on a real Neo4j.

describe('level gaps → Cypher', () => {
  it('reads the facts of a gap in one statement: the published version by its index, one engineer_id seek and one hop to the approved evidence', () => {
    expect(gapFactsCypher({ engineerId: 'e1', frameworkId: 'fw' })).toMatchInlineSnapshot(`
{
  "cypher": "OPTIONAL MATCH (v:FrameworkVersion {frameworkId: $frameworkId})
WHERE v.current = true
WITH v {.frameworkId, .version, .name, .levelsJson, .competenciesJson, .behavioursJson, .policyJson} AS version
OPTIONAL MATCH (e:Engineer {id: $engineerId})
WHERE e.status IS NOT NULL
OPTIONAL MATCH (e)<-[:EVIDENCE_OF]-(ev:Evidence {status: 'approved'})
RETURN version, e IS NOT NULL AS known, collect(ev {.id, .status, .date, .skillIds, .behaviourIds}) AS evidence",
  "params": {
    "engineerId": "e1",
    "frameworkId": "fw",
  },
}
`);
    expect(publishedVersionCypher('fw')).toMatchInlineSnapshot(`
{
  "cypher": "OPTIONAL MATCH (v:FrameworkVersion {frameworkId: $frameworkId})
WHERE v.current = true
RETURN v {.frameworkId, .version, .name, .levelsJson, .competenciesJson, .behavioursJson, .policyJson} AS version",
  "params": {
    "frameworkId": "fw",
  },
}
`);
  });

  it('starts the readiness population from the team, the head of the line, or every engineer', () => {
    expect(readinessFactsCypher({ teamId: 'payments' }).cypher).toMatchInlineSnapshot(`
"MATCH (e:Engineer)-[:MEMBER_OF]->(:Team {id: $teamId})
WITH DISTINCT e
WHERE e.status = 'active'
CALL (e) {
  OPTIONAL MATCH (e)<-[:EVIDENCE_OF]-(ev:Evidence {status: 'approved'})
  RETURN collect(ev {.id, .status, .date, .skillIds, .behaviourIds}) AS evidence
}
CALL (e) {
  OPTIONAL MATCH (e)-[:CALIBRATED]->(c:Calibration)
  WITH c ORDER BY c.position
  RETURN collect(c {.competencyId, .level, .calibratedAt}) AS calibrations
}
RETURN e.id AS id, evidence, calibrations
ORDER BY e.name, e.id"
`);
    expect(readinessFactsCypher({ withinLineOf: 'e1' })).toMatchInlineSnapshot(`
{
  "cypher": "MATCH (e:Engineer)-[:REPORTS_TO*0..]->(:Engineer {id: $withinLineOf})
WITH DISTINCT e
WHERE e.status = 'active'
CALL (e) {
  OPTIONAL MATCH (e)<-[:EVIDENCE_OF]-(ev:Evidence {status: 'approved'})
  RETURN collect(ev {.id, .status, .date, .skillIds, .behaviourIds}) AS evidence
}
CALL (e) {
  OPTIONAL MATCH (e)-[:CALIBRATED]->(c:Calibration)
  WITH c ORDER BY c.position
  RETURN collect(c {.competencyId, .level, .calibratedAt}) AS calibrations
}
RETURN e.id AS id, evidence, calibrations
ORDER BY e.name, e.id",
  "params": {
    "teamId": null,
    "withinLineOf": "e1",
  },
}
`);
    expect(readinessFactsCypher({ teamId: 'payments', withinLineOf: 'e1' }).cypher).toMatchInlineSnapshot(`
"MATCH (e:Engineer)-[:MEMBER_OF]->(:Team {id: $teamId})
WITH DISTINCT e
WHERE e.status = 'active'
  AND (e.id = $withinLineOf OR (e)-[:REPORTS_TO*1..]->(:Engineer {id: $withinLineOf}))
CALL (e) {
  OPTIONAL MATCH (e)<-[:EVIDENCE_OF]-(ev:Evidence {status: 'approved'})
  RETURN collect(ev {.id, .status, .date, .skillIds, .behaviourIds}) AS evidence
}
CALL (e) {
  OPTIONAL MATCH (e)-[:CALIBRATED]->(c:Calibration)
  WITH c ORDER BY c.position
  RETURN collect(c {.competencyId, .level, .calibratedAt}) AS calibrations
}
RETURN e.id AS id, evidence, calibrations
ORDER BY e.name, e.id"
`);
    expect(readinessFactsCypher({}).cypher.split('\n')[0]).toMatchInlineSnapshot(`"MATCH (e:Engineer)"`);
  });

  it('with asOf, reads every item approved by then with its approval periods, and the engineers there that day', () => {
    const asOf = '2026-03-01T12:00:00.000Z';
    expect(gapFactsCypher({ engineerId: 'e1', frameworkId: 'fw', asOf })).toMatchInlineSnapshot(`
{
  "cypher": "OPTIONAL MATCH (v:FrameworkVersion {frameworkId: $frameworkId})
WHERE v.current = true
WITH v {.frameworkId, .version, .name, .levelsJson, .competenciesJson, .behavioursJson, .policyJson} AS version
OPTIONAL MATCH (e:Engineer {id: $engineerId})
WHERE e.status IS NOT NULL
OPTIONAL MATCH (e)<-[:EVIDENCE_OF]-(ev:Evidence)
  WHERE ev.approvedFrom[0] <= $asOf
RETURN version, e IS NOT NULL AS known, collect(ev {.id, .status, .date, .skillIds, .behaviourIds, .approvedFrom, .approvedUntil}) AS evidence",
  "params": {
    "asOf": "2026-03-01T12:00:00.000Z",
    "engineerId": "e1",
    "frameworkId": "fw",
  },
}
`);
    expect(readinessFactsCypher({ withinLineOf: 'e1', asOf })).toMatchInlineSnapshot(`
{
  "cypher": "MATCH (e:Engineer)-[:REPORTS_TO*0..]->(:Engineer {id: $withinLineOf})
WITH DISTINCT e
WHERE e.joinedOn <= $asOfDay AND (e.status = 'active' OR e.leftOn > $asOfDay)
CALL (e) {
  OPTIONAL MATCH (e)<-[:EVIDENCE_OF]-(ev:Evidence)
  WHERE ev.approvedFrom[0] <= $asOf
  RETURN collect(ev {.id, .status, .date, .skillIds, .behaviourIds, .approvedFrom, .approvedUntil}) AS evidence
}
CALL (e) {
  OPTIONAL MATCH (e)-[:CALIBRATED]->(c:Calibration)
  WITH c ORDER BY c.position
  RETURN collect(c {.competencyId, .level, .calibratedAt}) AS calibrations
}
RETURN e.id AS id, evidence, calibrations
ORDER BY e.name, e.id",
  "params": {
    "asOf": "2026-03-01T12:00:00.000Z",
    "asOfDay": "2026-03-01",
    "teamId": null,
    "withinLineOf": "e1",
  },
}
`);
  });
});
