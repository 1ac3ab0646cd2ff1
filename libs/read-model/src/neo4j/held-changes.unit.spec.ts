import { describe, expect, it } from '@jest/globals';
import { firstHeldDayCypher, readHeldChangesCypher, replaceHeldChangesCypher, writeHeldChanges } from './held-changes.js';
import { teamCondition, teamMatch } from './queries/find-engineers.js';
import { inEffectiveOrder } from '../effective-dates.js';
import { recordedEvents } from '../testing/recorded-events.js';

describe('Neo4j: changes held until their effective day', () => {
  it('reads them in the order they take effect and replaces them in the batch transaction', () => {
    expect(readHeldChangesCypher).toMatchInlineSnapshot(`
"MATCH (h:HeldChange)
RETURN h.json AS json
ORDER BY h.effectiveOn, h.position"
`);
    expect(firstHeldDayCypher).toMatchInlineSnapshot(`
"MATCH (h:HeldChange)
RETURN min(h.effectiveOn) AS day"
`);
    expect(replaceHeldChangesCypher).toMatchInlineSnapshot(`
"OPTIONAL MATCH (old:HeldChange)
DETACH DELETE old
WITH count(*) AS cleared
UNWIND $rows AS row
CREATE (h:HeldChange {engineerId: row.engineerId, effectiveOn: row.effectiveOn, position: row.position, json: row.json})"
`);
  });

  it('writes them only when they changed', async () => {
    const { held } = inEffectiveOrder([], recordedEvents([{ type: 'EngineerLeft', data: { engineerId: 'a', leftOn: '2026-12-31' } }]), null);
    const calls: { cypher: string; params: Record<string, unknown> }[] = [];
    const run = async (cypher: string, params: Record<string, unknown>) => {
      calls.push({ cypher, params });
      return [];
    };
    await writeHeldChanges(run, held, held);
    expect(calls).toEqual([]);
    await writeHeldChanges(run, [], held);
    expect(calls.map((c) => (c.params['rows'] as Record<string, unknown>[]).map(({ json: _json, ...row }) => row))).toEqual([[{ engineerId: 'a', effectiveOn: '2026-12-31', position: 1 }]]);
  });

  it('finds engineers by team from the teamId on their node: a leaver keeps their last team', () => {
    expect(teamMatch).toMatchInlineSnapshot(`"MATCH (e:Engineer) WHERE e.teamId = $teamId"`);
    expect(teamCondition).toMatchInlineSnapshot(`"AND e.teamId = $teamId"`);
  });
});
