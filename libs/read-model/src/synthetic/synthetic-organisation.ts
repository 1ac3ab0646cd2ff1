import type { BehaviourDefinition, FrameworkContent, SkillsGraphEvent } from '@skills-graph/domain';

export interface SyntheticOrganisationOptions {
  engineers: number;
  teams?: number;
  skills?: number;
  evidencePerEngineer?: number;
  levelRecordsPerEngineer?: number;
  seed?: number;
}

const competencies = ['mastery', 'impact', 'influence', 'communication-feedback', 'leadership'];

/** A deterministic pseudo-random sequence (mulberry32): a seed always yields the same numbers, on every platform. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A synthetic organisation as events, for projection tests and benchmarks: a framework (5 competencies ×
 * 6 levels × 3 behaviours), skills, engineers in teams with managers, evidence with reviews, demonstrated
 * levels (some dropped again), moves and leavers. Not the demo data: no names or texts worth reading.
 */
export function syntheticOrganisationEvents(options: SyntheticOrganisationOptions): SkillsGraphEvent[] {
  const { engineers, teams = Math.max(1, Math.round(engineers / 50)), skills = 50, evidencePerEngineer = 4, levelRecordsPerEngineer = 4, seed = 7 } = options;
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const events: SkillsGraphEvent[] = [];

  const behaviours: BehaviourDefinition[] = competencies.flatMap((competencyId) =>
    [1, 2, 3, 4, 5, 6].flatMap((level) => [1, 2, 3].map((n) => ({ id: `${competencyId}-${level}-${n}`, level, competencyId, text: `Behaviour ${n} of ${competencyId} at level ${level}`, notes: [], examples: [] }))),
  );
  const content: FrameworkContent = {
    name: 'Synthetic framework',
    levels: [1, 2, 3, 4, 5, 6].map((level) => ({ level })),
    competencies: competencies.map((id) => ({ id, name: id })),
    behaviours,
    policy: { coverageShare: 0.5, minimumEvidence: 1, recencyWindowDays: null },
  };
  events.push(
    { type: 'FrameworkVersionImported', data: { frameworkId: 'synthetic', version: 1, contentHash: 'synthetic-1', sourceFormat: 'json', content, changes: { added: behaviours.map((b) => b.id), removed: [], reworded: [], moved: [] }, warnings: [], importedAt: '2025-01-01T00:00:00.000Z' } },
    { type: 'FrameworkVersionPublished', data: { frameworkId: 'synthetic', version: 1, publishedAt: '2025-01-01T00:00:00.000Z' } },
  );
  const skillIds = Array.from({ length: skills }, (_, i) => (i === 0 ? 'go' : `skill-${i}`));
  for (const skillId of skillIds) events.push({ type: 'SkillRegistered', data: { skillId, name: skillId === 'go' ? 'Go' : `Skill ${skillId}`, aliases: skillId === 'go' ? ['golang'] : [] } });

  const engineerId = (i: number) => `eng-${String(i).padStart(6, '0')}`;
  const teamOf = (i: number) => i % teams;
  const leadOf = (team: number) => engineerId(team); // engineer t leads team t
  for (let i = 0; i < engineers; i += 1) {
    const team = teamOf(i);
    events.push({
      type: 'EngineerJoined',
      data: { engineerId: engineerId(i), name: `Engineer ${String(i).padStart(6, '0')}`, email: `e${i}@synthetic.test`, title: 'Engineer', teamId: `team-${team}`, teamName: `Team ${team}`, managerId: i < teams ? null : leadOf(team), joinedOn: '2025-01-02' },
    });
  }

  let evidenceNumber = 0;
  for (let i = 0; i < engineers; i += 1) {
    const id = engineerId(i);
    const own: string[] = [];
    for (let e = 0; e < evidencePerEngineer; e += 1) {
      const evidenceId = `ev-${String((evidenceNumber += 1)).padStart(8, '0')}`;
      const behaviour = pick(behaviours);
      events.push({
        type: 'EvidenceSubmitted',
        data: { evidenceId, engineerId: id, kind: 'pull-request', title: `Change ${evidenceId}`, url: null, date: '2026-03-01', projectId: `project-${Math.floor(next() * 40)}`, skillIds: [pick(skillIds)], behaviourIds: [behaviour.id], frameworkId: 'synthetic', submittedBy: id, submittedAt: '2026-03-01T10:00:00.000Z' },
      });
      if (next() < 0.85) {
        events.push({ type: 'EvidenceApproved', data: { evidenceId, engineerId: id, approverId: leadOf(teamOf(i)), approvedAt: '2026-03-02T10:00:00.000Z' } });
        own.push(evidenceId);
      } else {
        events.push({ type: 'EvidenceRejected', data: { evidenceId, engineerId: id, reviewerId: leadOf(teamOf(i)), reason: 'Not yet', rejectedAt: '2026-03-02T10:00:00.000Z' } });
      }
    }
    for (let l = 0; l < levelRecordsPerEngineer; l += 1) {
      const level = 1 + Math.floor(next() * next() * 6);
      events.push({
        type: 'DemonstratedLevelRecorded',
        data: { engineerId: id, competencyId: competencies[l % competencies.length]!, skillId: l % 2 === 0 ? null : pick(skillIds), level, previousLevel: 0, evidenceIds: own.slice(0, 3), frameworkId: 'synthetic', frameworkVersion: 1, computedAt: '2026-03-02T10:00:00.000Z' },
      });
    }
    if (next() < 0.05) events.push({ type: 'EngineerMoved', data: { engineerId: id, teamId: `team-${(teamOf(i) + 1) % teams}`, teamName: `Team ${(teamOf(i) + 1) % teams}`, managerId: i < teams ? null : leadOf((teamOf(i) + 1) % teams), title: 'Senior Engineer', movedOn: '2026-04-01' } });
    if (next() < 0.02 && i >= teams) events.push({ type: 'EngineerLeft', data: { engineerId: id, leftOn: '2026-05-01' } });
    if (next() < 0.05) {
      events.push({ type: 'DemonstratedLevelRecorded', data: { engineerId: id, competencyId: competencies[0]!, skillId: null, level: 0, previousLevel: 1, evidenceIds: [], frameworkId: 'synthetic', frameworkVersion: 1, computedAt: '2026-05-01T10:00:00.000Z' } });
    }
  }
  return events;
}
