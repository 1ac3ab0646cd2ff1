import { describe, expect, it } from '@jest/globals';
import { standardCompetencies } from '@skills-graph/domain';

import { demoFramework } from './demo-framework.js';
import { buildDemoOrganisation, DEMO_EVIDENCE_FROM, DEMO_REFERENCE_DATE, type DemoOrganisation } from './demo-organisation.js';

const organisation = buildDemoOrganisation();
const behaviours = demoFramework.behaviours;
const behaviourById = new Map(behaviours.map((behaviour) => [behaviour.id, behaviour]));

/** Demonstrated level on a competency within a skill, following the framework policy. */
function demonstratedLevel(org: DemoOrganisation, engineerId: string, competencyId: string, skillId: string): number {
  const policy = demoFramework.policy ?? { coverageShare: 0.5, minimumEvidence: 1, recencyWindowDays: null };
  const approved = org.evidence.filter(
    (item) =>
      item.engineerId === engineerId &&
      (item.outcome === 'approved' || item.outcome === 'endorsed-then-approved') &&
      item.skillIds.includes(skillId),
  );
  let demonstrated = 0;
  for (let level = 1; level <= 6; level++) {
    const levelBehaviours = behaviours.filter((b) => b.competencyId === competencyId && b.level === level).map((b) => b.id);
    if (levelBehaviours.length === 0) continue;
    const items = approved.filter((item) => item.behaviourIds.some((id) => levelBehaviours.includes(id)));
    const covered = new Set(items.flatMap((item) => item.behaviourIds).filter((id) => levelBehaviours.includes(id)));
    if (items.length < policy.minimumEvidence || covered.size < policy.coverageShare * levelBehaviours.length) break;
    demonstrated = level;
  }
  return demonstrated;
}

function masteryInGoDistribution(org: DemoOrganisation): Map<number, number> {
  const distribution = new Map<number, number>();
  for (const engineer of org.engineers) {
    const level = demonstratedLevel(org, engineer.id, 'mastery', 'go');
    distribution.set(level, (distribution.get(level) ?? 0) + 1);
  }
  return distribution;
}

describe('demo framework', () => {
  it('is named and uses the standard competencies with the expected policy', () => {
    expect(demoFramework.name).toBe('Fintech Engineering (demo)');
    expect(demoFramework.levels.map((level) => level.level)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(demoFramework.levels.every((level) => (level.name ?? '').length > 0)).toBe(true);
    expect(demoFramework.competencies.map((c) => c.id)).toEqual(standardCompetencies.map((c) => c.id));
    expect(demoFramework.policy).toEqual({ coverageShare: 0.5, minimumEvidence: 1, recencyWindowDays: null });
  });

  it('has unique, hand-written behaviour ids that match their level and competency', () => {
    const ids = behaviours.map((b) => b.id);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const behaviour of behaviours) {
      expect(behaviour.id?.startsWith(`${behaviour.competencyId}-${behaviour.level}-`)).toBe(true);
    }
  });

  it('gives every behaviour non-empty text, notes and examples', () => {
    for (const behaviour of behaviours) {
      expect(behaviour.text.trim().length).toBeGreaterThan(0);
      expect(behaviour.notes.length).toBeGreaterThan(0);
      expect(behaviour.examples.length).toBeGreaterThan(0);
      expect([...behaviour.notes, ...behaviour.examples].every((line) => line.trim().length > 0)).toBe(true);
    }
  });

  it('has no Leadership behaviours at levels 1 and 2, and 2 to 4 behaviours in every other cell', () => {
    for (const competency of standardCompetencies) {
      for (let level = 1; level <= 6; level++) {
        const count = behaviours.filter((b) => b.competencyId === competency.id && b.level === level).length;
        if (competency.id === 'leadership' && level <= 2) {
          expect(count).toBe(0);
        } else {
          expect(count).toBeGreaterThanOrEqual(2);
          expect(count).toBeLessThanOrEqual(4);
        }
      }
    }
  });
});

describe('demo organisation', () => {
  it('is deterministic for a seed and varies with the seed', () => {
    expect(buildDemoOrganisation()).toEqual(organisation);
    expect(buildDemoOrganisation({ seed: 42, engineers: 320 })).toEqual(organisation);
    expect(buildDemoOrganisation({ seed: 7 }).evidence).not.toEqual(organisation.evidence);
  });

  it('has the expected catalogue sizes', () => {
    expect(organisation.engineers).toHaveLength(320);
    expect(organisation.skills).toHaveLength(12);
    expect(organisation.teams.length).toBeGreaterThanOrEqual(25);
    expect(organisation.projects.length).toBeGreaterThanOrEqual(20);
    expect(organisation.evidence.length).toBeGreaterThanOrEqual(3000);
    expect(organisation.evidence.length).toBeLessThanOrEqual(5000);
    expect(buildDemoOrganisation({ engineers: 60, seed: 1 }).engineers).toHaveLength(60);
  });

  it('has unique ids and unique emails', () => {
    for (const list of [organisation.skills, organisation.teams, organisation.engineers, organisation.projects, organisation.evidence]) {
      const ids = list.map((item) => item.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    const emails = organisation.engineers.map((engineer) => engineer.email);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.every((email) => /^[a-z]+\.[a-z]+\d*@demo\.skills-graph\.test$/.test(email))).toBe(true);
  });

  it('has a manager tree without cycles in which every manager exists', () => {
    const byId = new Map(organisation.engineers.map((engineer) => [engineer.id, engineer]));
    const teamIds = new Set(organisation.teams.map((team) => team.id));
    const roots = organisation.engineers.filter((engineer) => engineer.managerId === null);
    expect(roots.length).toBeGreaterThanOrEqual(1);
    expect(roots.length).toBeLessThanOrEqual(6);
    for (const engineer of organisation.engineers) {
      expect(teamIds.has(engineer.teamId)).toBe(true);
      expect(engineer.joinedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const seen = new Set<string>();
      let current: string | null = engineer.id;
      while (current !== null) {
        expect(seen.has(current)).toBe(false);
        seen.add(current);
        const node = byId.get(current);
        expect(node).toBeDefined();
        current = node?.managerId ?? null;
      }
    }
  });

  it('only references existing engineers, projects, skills and behaviours', () => {
    const engineers = new Map(organisation.engineers.map((engineer) => [engineer.id, engineer]));
    const projectIds = new Set(organisation.projects.map((project) => project.id));
    const skillIds = new Set(organisation.skills.map((skill) => skill.id));
    const problems: string[] = [];
    const check = (ok: boolean, id: string, what: string): void => {
      if (!ok) problems.push(`${id}: ${what}`);
    };
    for (const item of organisation.evidence) {
      const engineer = engineers.get(item.engineerId);
      check(engineer !== undefined, item.id, 'unknown engineer');
      check(projectIds.has(item.projectId), item.id, 'unknown project');
      check(item.skillIds.every((id) => skillIds.has(id)), item.id, 'unknown skill');
      check(item.behaviourIds.length >= 1 && item.behaviourIds.length <= 3, item.id, 'claims 1 to 3 behaviours');
      check(item.behaviourIds.every((id) => behaviourById.has(id)), item.id, 'unknown behaviour');
      check(engineers.has(item.reviewerId) && item.reviewerId !== item.engineerId, item.id, 'reviewer');
      check(!engineer?.managerId || item.reviewerId === engineer.managerId, item.id, 'reviewer is the manager');
      if (item.outcome === 'endorsed-then-approved') {
        const endorser = engineers.get(item.endorserId ?? '');
        check(endorser !== undefined && endorser.id !== item.engineerId && endorser.teamId === engineer?.teamId, item.id, 'endorser is a teammate');
      } else {
        check(item.endorserId === undefined, item.id, 'endorser only when endorsed');
      }
      check(item.date >= DEMO_EVIDENCE_FROM && item.date < DEMO_REFERENCE_DATE, item.id, 'date in window');
      check(/^https:\/\/[a-z]+\.demo\.skills-graph\.test\//.test(item.url), item.id, 'url');
      check(item.title.length > 0, item.id, 'title');
    }
    expect(problems).toEqual([]);
  });

  it('mixes outcomes roughly as planned', () => {
    const total = organisation.evidence.length;
    const share = (outcome: string) => organisation.evidence.filter((item) => item.outcome === outcome).length / total;
    expect(share('rejected')).toBeGreaterThan(0.05);
    expect(share('rejected')).toBeLessThan(0.15);
    expect(share('pending')).toBeGreaterThan(0.04);
    expect(share('pending')).toBeLessThan(0.12);
    expect(share('endorsed-then-approved')).toBeGreaterThan(0.1);
    expect(share('endorsed-then-approved')).toBeLessThan(0.2);
  });

  it('answers "who is L5 on Mastery in Go" with a handful of engineers and a spread of levels', () => {
    const distribution = masteryInGoDistribution(organisation);
    const atFive = distribution.get(5) ?? 0;
    expect(atFive).toBeGreaterThanOrEqual(3);
    expect(atFive).toBeLessThanOrEqual(40);
    for (let level = 1; level <= 5; level++) {
      expect(distribution.get(level) ?? 0).toBeGreaterThan(0);
    }
  });
});
