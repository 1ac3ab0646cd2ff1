import { describe, expect, it } from '@jest/globals';
import type { SkillsGraphEvent } from '@skills-graph/domain';
import { recordedEvents } from '../testing/recorded-events.js';
import { cypherForEvents } from './event-to-cypher.js';

// Translation tests: the Cypher and parameters the projector sends for a batch, without a database.
// Integration with a real Neo4j is the contract suite (neo4j-skills-graph.int.spec.ts).

const level = (engineerId: string, lvl: number, computedAt: string): SkillsGraphEvent => ({
  type: 'DemonstratedLevelRecorded',
  data: { engineerId, competencyId: 'mastery', skillId: 'go', level: lvl, previousLevel: 0, evidenceIds: lvl ? ['ev-1'] : [], frameworkId: 'fw', frameworkVersion: 1, computedAt },
});

describe('event → Cypher', () => {
  it('batches a run of one event type into one UNWIND statement, and starts a new one when the type changes', () => {
    const statements = cypherForEvents(
      recordedEvents([
        { type: 'EvidenceApproved', data: { evidenceId: 'ev-1', engineerId: 'e1', approverId: 'boss', approvedAt: 't1' } },
        { type: 'EvidenceApproved', data: { evidenceId: 'ev-2', engineerId: 'e1', approverId: 'boss', approvedAt: 't2' } },
        { type: 'EvidenceEndorsed', data: { evidenceId: 'ev-3', engineerId: 'e1', endorserId: 'e2', comment: null, endorsedAt: 't3' } },
      ]),
    );
    expect(statements).toMatchInlineSnapshot(`
[
  {
    "cypher": "UNWIND $rows AS row
MATCH (ev:Evidence {id: row.evidenceId})
SET ev += row.props",
    "params": {
      "rows": [
        {
          "evidenceId": "ev-1",
          "props": {
            "reviewerId": "boss",
            "status": "approved",
          },
        },
        {
          "evidenceId": "ev-2",
          "props": {
            "reviewerId": "boss",
            "status": "approved",
          },
        },
      ],
    },
  },
  {
    "cypher": "UNWIND $rows AS row
MATCH (ev:Evidence {id: row.evidenceId})
SET ev.endorserIds = ev.endorserIds + row.endorserId",
    "params": {
      "rows": [
        {
          "endorserId": "e2",
          "evidenceId": "ev-3",
        },
      ],
    },
  },
]
`);
  });

  it('keeps only the last level of a key within a run (a level set then dropped is dropped), and all of the history', () => {
    const statements = cypherForEvents(recordedEvents([level('e1', 4, 't1'), level('e2', 3, 't1'), level('e1', 0, 't2')]));
    expect(statements.map((s) => [s.cypher.split('\n')[1], s.params.rows.map((r) => r['key'] ?? (r['props'] as {key: string;}).key)])).toMatchInlineSnapshot(`
[
  [
    "MERGE (e:Engineer {id: row.props.engineerId})",
    [
      "e2|fw|mastery|go",
    ],
  ],
  [
    "MERGE (e:Engineer {id: row.engineerId})",
    [
      "e1|fw|mastery|go",
      "e2|fw|mastery|go",
      "e1|fw|mastery|go",
    ],
  ],
  [
    "MATCH (d:DemonstratedLevel {key: row.key})",
    [
      "e1|fw|mastery|go",
    ],
  ],
]
`);
  });

  it('stores the overall level (no skill) under skill id "" so the lookup index can hold it', () => {
    const [setLevel] = cypherForEvents(recordedEvents([{ ...level('e1', 2, 't'), data: { ...(level('e1', 2, 't').data as object), skillId: null } } as SkillsGraphEvent]));
    expect(setLevel!.params.rows[0]).toMatchInlineSnapshot(`
{
  "key": "e1|fw|mastery|",
  "props": {
    "competencyId": "mastery",
    "computedAt": "t",
    "engineerId": "e1",
    "evidenceIds": [
      "ev-1",
    ],
    "frameworkId": "fw",
    "frameworkVersion": 1,
    "level": 2,
    "skillId": "",
  },
}
`);
  });

  it('batches interleaved types across different evidence, keeping each evidence\'s own order', () => {
    const submitted = (evidenceId: string): SkillsGraphEvent => ({
      type: 'EvidenceSubmitted',
      data: { evidenceId, engineerId: 'e1', kind: 'rfc', title: evidenceId, url: null, date: '2026-01-01', projectId: null, skillIds: [], behaviourIds: ['b1'], frameworkId: 'fw', submittedBy: 'e1', submittedAt: 't' },
    });
    const approved = (evidenceId: string): SkillsGraphEvent => ({ type: 'EvidenceApproved', data: { evidenceId, engineerId: 'e1', approverId: 'boss', approvedAt: 't' } });
    const withdrawn = (evidenceId: string): SkillsGraphEvent => ({ type: 'EvidenceWithdrawn', data: { evidenceId, engineerId: 'e1', withdrawnBy: 'e1', withdrawnAt: 't', wasApproved: true } });
    const statements = cypherForEvents(recordedEvents([submitted('ev-1'), approved('ev-1'), submitted('ev-2'), withdrawn('ev-1'), approved('ev-2')]));
    expect(statements.map((st) => [st.cypher.split('\n')[1], st.params.rows.map((r) => `${r['evidenceId'] as string}:${((r['props'] as { status?: string }) ?? {}).status ?? ''}`)])).toEqual([
      ['MERGE (ev:Evidence {id: row.evidenceId})', ['ev-1:submitted', 'ev-2:submitted']],
      ['MATCH (ev:Evidence {id: row.evidenceId})', ['ev-1:approved', 'ev-2:approved']],
      ['MATCH (ev:Evidence {id: row.evidenceId})', ['ev-1:withdrawn']],
    ]);
  });

  it('lets the last of several moves of one engineer in a run win', () => {
    const moved = (teamId: string): SkillsGraphEvent => ({ type: 'EngineerMoved', data: { engineerId: 'e1', teamId, teamName: teamId, managerId: null, title: 'Engineer', movedOn: 't' } });
    const [statement, ...rest] = cypherForEvents(recordedEvents([moved('payments'), moved('lending')]));
    expect(rest).toEqual([]);
    expect(statement!.params.rows.map((r) => r['teamId'])).toEqual(['lending']);
  });
});
