import { describe, expect, it } from '@jest/globals';
import { asOfParams, levelMatchAsOf, statusCondition } from './engineers-as-of.js';

// The Cypher findEngineers sends for organisation-wide asOf, without a database; answers: the contract suite.
describe('findEngineers asOf Cypher', () => {
  it('reads the level history of a competency and skill up to the instant, keeping each key last record', () => {
    expect(levelMatchAsOf({ competencyId: 'mastery', skillId: 'go', level: 5, asOf: '2026-01-01T00:00:00.000Z' })).toMatchInlineSnapshot(`
"MATCH (r:LevelRecord)
WHERE r.competencyId = $competencyId AND r.skillId = $skillId AND r.computedAt <= $asOf
WITH r ORDER BY r.position
WITH r.key AS key, last(collect(r)) AS last
WHERE last.level > 0 AND last.level = $level
MATCH (e:Engineer {id: last.engineerId})"
`);
    expect(levelMatchAsOf({ skillId: 'go', frameworkId: 'fw', asOf: '2026-01-01T00:00:00.000Z' })).toMatchInlineSnapshot(`
"MATCH (r:LevelRecord)
WHERE r.skillId = $skillId AND r.computedAt <= $asOf AND r.frameworkId = $frameworkId
WITH r ORDER BY r.position
WITH r.key AS key, last(collect(r)) AS last
WHERE last.level > 0
MATCH (e:Engineer {id: last.engineerId})"
`);
    expect(levelMatchAsOf({ teamId: 'payments', asOf: '2026-01-01T00:00:00.000Z' })).toBeNull();
  });

  it('counts who was there that day with asOf, the active ones without', () => {
    expect(statusCondition({ asOf: '2026-01-01T00:00:00.000Z' })).toMatchInlineSnapshot(`"(($includeLeavers AND e.status IS NOT NULL) OR (e.joinedOn <= $asOfDay AND (e.status = 'active' OR e.leftOn > $asOfDay)))"`);
    expect(statusCondition({})).toMatchInlineSnapshot(`"(e.status = 'active' OR ($includeLeavers AND e.status = 'left'))"`);
    expect(asOfParams({ asOf: '2026-01-01T09:30:00.000Z' })).toEqual({ asOf: '2026-01-01T09:30:00.000Z', asOfDay: '2026-01-01' });
  });
});
