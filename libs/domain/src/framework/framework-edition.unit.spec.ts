import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { BehaviourDefinition, DraftBehaviour, FrameworkDraft } from './framework-content.js';
import {
  assignBehaviourIds,
  behaviourIdFor,
  frameworkContentHash,
  normaliseBehaviourText,
  textSimilarity,
} from './framework-edition.js';

const F = 'platform-guild';

const draft = (level: number, competencyId: string, text: string, extra: Partial<DraftBehaviour> = {}): DraftBehaviour => ({
  level,
  competencyId,
  text,
  notes: [],
  examples: [],
  ...extra,
});
const asPrevious = (drafts: DraftBehaviour[]): BehaviourDefinition[] => assignBehaviourIds(F, [], drafts).behaviours;
const withoutIds = (bs: readonly BehaviourDefinition[]): DraftBehaviour[] => bs.map(({ id: _id, ...rest }) => rest);

describe('behaviourIdFor', () => {
  it('is deterministic and reads competency-level-hash', () => {
    const b = { competencyId: 'mastery', level: 3, text: 'Ships small changes behind feature flags' };
    expect(behaviourIdFor(F, b)).toBe(behaviourIdFor(F, { ...b }));
    expect(behaviourIdFor(F, b)).toMatch(/^mastery-3-[0-9a-f]{8}$/);
  });

  it('ignores case, whitespace and punctuation but not the framework', () => {
    const b = { competencyId: 'mastery', level: 3, text: 'Ships small changes, behind feature flags.' };
    expect(behaviourIdFor(F, { ...b, text: '  ships SMALL changes behind   feature-flags ' })).toBe(behaviourIdFor(F, b));
    expect(behaviourIdFor('other-framework', b)).not.toBe(behaviourIdFor(F, b));
  });
});

describe('assignBehaviourIds', () => {
  const previous = asPrevious([
    draft(1, 'delivery', 'Ships small changes behind feature flags'),
    draft(1, 'delivery', 'Writes a rollback note for every release'),
    draft(2, 'care', 'Leaves the campsite tidier than found'),
    draft(2, 'care', 'Pairs on risky database migrations with a teammate'),
  ]);
  const [flags, rollback, campsite, pairing] = previous as [BehaviourDefinition, BehaviourDefinition, BehaviourDefinition, BehaviourDefinition];

  it('Given no previous edition, When ids are assigned, Then every behaviour is added with a unique id', () => {
    const { behaviours, changes } = assignBehaviourIds(F, [], [
      draft(1, 'delivery', 'Ships small changes'),
      draft(1, 'delivery', 'Ships small changes!'),
      draft(2, 'care', 'Reviews code kindly'),
    ]);
    const ids = behaviours.map((b) => b.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids[1]).toBe(`${ids[0]}-2`);
    expect(changes).toEqual({ added: ids, removed: [], reworded: [], moved: [] });
  });

  it('Given the same texts with different case and punctuation, When re-imported, Then ids stay and the text change is recorded as case-or-punctuation', () => {
    const { behaviours, changes } = assignBehaviourIds(F, previous, [
      draft(1, 'delivery', 'ships small changes, behind feature flags.'),
      draft(1, 'delivery', 'Writes a rollback note for every release'),
      draft(2, 'care', 'Leaves the campsite tidier than found', { notes: ['New note'] }),
      draft(2, 'care', 'Pairs on risky database migrations with a teammate'),
    ]);
    expect(behaviours.map((b) => b.id)).toEqual(previous.map((b) => b.id));
    expect(behaviours[0]?.text).toBe('ships small changes, behind feature flags.');
    expect(behaviours[2]?.notes).toEqual(['New note']);
    expect(changes).toEqual({
      added: [],
      removed: [],
      reworded: [{ id: behaviours[0]?.id, from: 'Ships small changes behind feature flags', to: 'ships small changes, behind feature flags.', kind: 'case-or-punctuation' }],
      moved: [],
    });
  });

  it('Given a behaviour moved to another level and competency, When re-imported, Then it keeps its id and is recorded as moved', () => {
    const { behaviours, changes } = assignBehaviourIds(F, previous, [
      draft(1, 'delivery', 'Ships small changes behind feature flags'),
      draft(1, 'delivery', 'Writes a rollback note for every release'),
      draft(3, 'delivery', 'Leaves the campsite tidier than found'),
      draft(2, 'care', 'Pairs on risky database migrations with a teammate'),
    ]);
    expect(behaviours[2]?.id).toBe(campsite.id);
    expect(changes.moved).toEqual([
      { id: campsite.id, from: { level: 2, competencyId: 'care' }, to: { level: 3, competencyId: 'delivery' } },
    ]);
    expect([changes.added, changes.removed, changes.reworded]).toEqual([[], [], []]);
  });

  it('Given a reworded behaviour in the same competency, When re-imported, Then it keeps its id and is recorded as reworded (and moved if its level changed)', () => {
    const { behaviours, changes } = assignBehaviourIds(F, previous, [
      draft(1, 'delivery', 'Ships small changes behind feature toggles'),
      draft(1, 'delivery', 'Writes a rollback note for every release'),
      draft(2, 'care', 'Leaves the campsite tidier than found'),
      draft(3, 'care', 'Pairs on risky database migrations with another engineer'),
    ]);
    expect(behaviours.map((b) => b.id)).toEqual(previous.map((b) => b.id));
    expect(changes.reworded).toEqual([
      { id: flags.id, from: flags.text, to: 'Ships small changes behind feature toggles', kind: 'reworded' },
      { id: pairing.id, from: pairing.text, to: 'Pairs on risky database migrations with another engineer', kind: 'reworded' },
    ]);
    expect(changes.moved).toEqual([{ id: pairing.id, from: { level: 2, competencyId: 'care' }, to: { level: 3, competencyId: 'care' } }]);
  });

  it('Given a rewording into another competency or a text too different, When re-imported, Then it is removed and added', () => {
    const { behaviours, changes } = assignBehaviourIds(F, previous, [
      draft(1, 'care', 'Ships small changes behind feature toggles'),
      draft(1, 'delivery', 'Automates the release checklist'),
      draft(2, 'care', 'Leaves the campsite tidier than found'),
      draft(2, 'care', 'Pairs on risky database migrations with a teammate'),
    ]);
    expect(changes.removed).toEqual([flags.id, rollback.id]);
    expect(changes.added).toEqual([behaviours[0]?.id, behaviours[1]?.id]);
    expect(behaviours[0]?.id).toMatch(/^care-1-[0-9a-f]{8}$/);
    expect(changes.reworded).toEqual([]);
  });

  it('Given an explicit id, When re-imported, Then it is kept, even over a text match elsewhere', () => {
    const { behaviours, changes } = assignBehaviourIds(F, previous, [
      draft(1, 'delivery', 'Ships small changes behind feature flags', { id: rollback.id }),
      draft(4, 'care', 'Coaches a new team lead', { id: 'care-custom' }),
    ]);
    expect(behaviours.map((b) => b.id)).toEqual([rollback.id, 'care-custom']);
    expect(changes.reworded).toEqual([{ id: rollback.id, from: rollback.text, to: flags.text, kind: 'reworded' }]);
    expect(changes.added).toEqual(['care-custom']);
    expect(changes.removed).toEqual([flags.id, campsite.id, pairing.id]);
  });

  it('rejects an incoming list that repeats an explicit id', () => {
    expect(() =>
      assignBehaviourIds(F, [], [draft(1, 'a', 'One thing', { id: 'x' }), draft(1, 'a', 'Another thing', { id: 'x' })]),
    ).toThrow("Behaviour id 'x' appears more than once");
  });

  it('uses each previous id at most once, giving the best rewording match the id', () => {
    const prev = asPrevious([draft(1, 'delivery', 'Ships small changes behind feature flags')]);
    const { behaviours, changes } = assignBehaviourIds(F, prev, [
      draft(1, 'delivery', 'Ships changes behind flags'),
      draft(1, 'delivery', 'Ships small changes behind feature toggles'),
    ]);
    expect(behaviours[1]?.id).toBe(prev[0]?.id);
    expect(behaviours[0]?.id).not.toBe(prev[0]?.id);
    expect(changes.added).toEqual([behaviours[0]?.id]);
  });

  it('never hands a removed id to a new behaviour', () => {
    const clashing = behaviourIdFor(F, { competencyId: 'delivery', level: 1, text: 'Ships small changes' });
    const prev: BehaviourDefinition[] = [{ ...draft(1, 'delivery', 'Tends the build pipeline'), id: clashing }];
    const { behaviours, changes } = assignBehaviourIds(F, prev, [draft(1, 'delivery', 'Ships small changes')]);
    expect(behaviours[0]?.id).toBe(`${clashing}-2`);
    expect(changes).toEqual({ added: [`${clashing}-2`], removed: [clashing], reworded: [], moved: [] });
  });
});

describe('text helpers', () => {
  it('normalises case, whitespace, punctuation and accents', () => {
    expect(normaliseBehaviourText('  Café-style   REVIEWS, daily! ')).toBe('cafe style reviews daily');
  });
  it('scores word overlap', () => {
    expect(textSimilarity('a b c d', 'a b c d')).toBe(1);
    expect(textSimilarity('a b c d', 'a b x y')).toBe(0.5);
  });
});

describe('frameworkContentHash', () => {
  const base: FrameworkDraft = {
    name: 'Platform Guild',
    levels: [{ level: 1 }, { level: 2, name: 'Practitioner' }],
    competencies: [
      { id: 'delivery', name: 'Delivery' },
      { id: 'care', name: 'Care' },
    ],
    behaviours: [
      draft(1, 'delivery', 'Ships small changes'),
      draft(1, 'care', 'Reviews code kindly'),
      draft(2, 'delivery', 'Automates the release checklist'),
      draft(2, 'delivery', 'Writes a rollback note'),
    ],
  };

  it('does not depend on key order or on the order of behaviours across cells', () => {
    const reordered: FrameworkDraft = {
      behaviours: [base.behaviours[2]!, base.behaviours[1]!, base.behaviours[0]!, base.behaviours[3]!].map((b) => ({
        examples: b.examples,
        text: b.text,
        notes: b.notes,
        competencyId: b.competencyId,
        level: b.level,
      })),
      competencies: base.competencies.map((c) => ({ name: c.name, id: c.id })),
      levels: [{ name: 'Practitioner', level: 2 }, { level: 1 }],
      name: 'Platform Guild',
    };
    expect(frameworkContentHash(reordered)).toBe(frameworkContentHash(base));
    expect(frameworkContentHash(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any content change, including the order within one level and competency', () => {
    const h = frameworkContentHash(base);
    expect(frameworkContentHash({ ...base, name: 'Other' })).not.toBe(h);
    expect(frameworkContentHash({ ...base, behaviours: [...base.behaviours.slice(0, 2), base.behaviours[3]!, base.behaviours[2]!] })).not.toBe(h);
    expect(frameworkContentHash({ ...base, behaviours: base.behaviours.map((b, i) => (i === 0 ? { ...b, notes: ['n'] } : b)) })).not.toBe(h);
    expect(frameworkContentHash({ ...base, policy: { coverageShare: 1, minimumEvidence: 1, recencyWindowDays: null } })).not.toBe(h);
  });
});

describe('properties', () => {
  const words = fc.constantFrom('ships', 'reviews', 'small', 'changes', 'flags', 'code', 'kindly', 'notes', 'release', 'pairs');
  const draftsArb = fc.array(
    fc.record({
      level: fc.integer({ min: 1, max: 4 }),
      competencyId: fc.constantFrom('delivery', 'care', 'craft'),
      text: fc.array(words, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' ')),
      notes: fc.constant([] as string[]),
      examples: fc.constant([] as string[]),
    }),
    { maxLength: 25 },
  );

  it('assigning ids twice to the same behaviours keeps every id and reports no changes; ids are unique', () => {
    fc.assert(
      fc.property(draftsArb, (drafts) => {
        const first = assignBehaviourIds(F, [], drafts);
        const ids = first.behaviours.map((b) => b.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(first.changes.added).toEqual(ids);

        const again = assignBehaviourIds(F, first.behaviours, withoutIds(first.behaviours));
        expect(again.behaviours).toEqual(first.behaviours);
        expect(again.changes).toEqual({ added: [], removed: [], reworded: [], moved: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('any edition gives unique ids, uses each previous id at most once and accounts for every previous id', () => {
    fc.assert(
      fc.property(draftsArb, draftsArb, (before, after) => {
        const previous = assignBehaviourIds(F, [], before).behaviours;
        const { behaviours, changes } = assignBehaviourIds(F, previous, after);
        const ids = behaviours.map((b) => b.id);
        expect(new Set(ids).size).toBe(ids.length);
        const previousIds = new Set(previous.map((p) => p.id));
        const kept = ids.filter((id) => previousIds.has(id));
        expect(kept.length + changes.removed.length).toBe(previous.length);
        expect(changes.added.length + kept.length).toBe(behaviours.length);
        // Deterministic: the same input gives the same output.
        expect(assignBehaviourIds(F, previous, after)).toEqual({ behaviours, changes });
      }),
      { numRuns: 300 },
    );
  });
});
