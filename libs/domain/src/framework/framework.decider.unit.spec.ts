import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '../testing/decider-specification.js';
import type { FrameworkDraft } from './framework-content.js';
import { frameworkContentHash } from './framework-edition.js';
import {
  decideFramework,
  evolveFramework,
  frameworkDecider,
  currentPublishedVersion,
  initialFrameworkState,
  retirementGuard,
  type FrameworkEvent,
  type ImportFrameworkVersion,
} from './framework.decider.js';

const spec = deciderSpecification(frameworkDecider);

const edition1: FrameworkDraft = {
  name: 'Payments engineering',
  levels: [{ level: 1 }, { level: 2 }],
  competencies: [
    { id: 'mastery', name: 'Mastery' },
    { id: 'leadership', name: 'Leadership' },
  ],
  behaviours: [
    { level: 1, competencyId: 'mastery', text: 'Ships small changes behind feature flags', notes: [], examples: [] },
    { level: 2, competencyId: 'mastery', text: 'Designs idempotent consumers for the ledger', notes: [], examples: [] },
    { level: 2, competencyId: 'mastery', text: 'Runs game days for the payouts service', notes: [], examples: [] },
  ],
  policy: { coverageShare: 0.5, minimumEvidence: 1, recencyWindowDays: null },
};

const importCommand = (draft: FrameworkDraft, at = '2026-01-01T00:00:00.000Z'): ImportFrameworkVersion => ({
  type: 'ImportFrameworkVersion',
  data: { frameworkId: 'payments', draft, contentHash: frameworkContentHash(draft), sourceFormat: 'json', warnings: [], importedAt: at, importedBy: 'owner' },
});

const imported = (draft: FrameworkDraft): FrameworkEvent[] => decideFramework(importCommand(draft), initialFrameworkState());

describe('framework decider', () => {
  it('imports a first version with an id for every behaviour, all of them added', () => {
    const [event, ...rest] = imported(edition1);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ type: 'FrameworkVersionImported', data: { frameworkId: 'payments', version: 1, sourceFormat: 'json' } });
    if (event?.type !== 'FrameworkVersionImported') throw new Error('unexpected');
    expect(event.data.content.behaviours.map((b) => b.id)).toEqual(event.data.changes.added);
    expect(new Set(event.data.changes.added).size).toBe(3);
  });

  it('stores the same content once', () => {
    spec.given(imported(edition1)).when(importCommand(edition1, '2026-02-01T00:00:00.000Z')).thenNothingHappens();
  });

  it('imports a new edition as version 2, keeping ids of unchanged behaviours and recording rewordings, moves and retirements', () => {
    const first = imported(edition1);
    if (first[0]?.type !== 'FrameworkVersionImported') throw new Error('unexpected');
    const [ships, designs, gameDays] = first[0].data.content.behaviours;
    const edition2: FrameworkDraft = {
      ...edition1,
      behaviours: [
        { level: 1, competencyId: 'mastery', text: 'Ships small changes behind feature flags', notes: [], examples: [] },
        { level: 1, competencyId: 'mastery', text: 'Designs idempotent consumers for the ledger', notes: [], examples: [] },
        { level: 2, competencyId: 'leadership', text: 'Mentors new joiners through their first on-call', notes: [], examples: [] },
      ],
    };
    const events = decideFramework(importCommand(edition2), first.reduce(evolveFramework, initialFrameworkState()));
    expect(events.map((e) => e.type)).toEqual(['FrameworkVersionImported', 'BehaviourMoved', 'BehaviourRetired']);
    const [version2, moved, retired] = events;
    if (version2?.type !== 'FrameworkVersionImported') throw new Error('unexpected');
    expect(version2.data.version).toBe(2);
    expect(version2.data.content.behaviours.slice(0, 2).map((b) => b.id)).toEqual([ships!.id, designs!.id]);
    expect(moved).toMatchObject({ data: { behaviourId: designs!.id, from: { level: 2, competencyId: 'mastery' }, to: { level: 1, competencyId: 'mastery' } } });
    expect(retired).toMatchObject({ data: { behaviourId: gameDays!.id } });
  });

  it('records a reworded behaviour under its old id', () => {
    const first = imported(edition1);
    const reworded: FrameworkDraft = {
      ...edition1,
      behaviours: edition1.behaviours.map((b, i) => (i === 2 ? { ...b, text: 'Runs regular game days for the payouts service' } : b)),
    };
    const events = decideFramework(importCommand(reworded), first.reduce(evolveFramework, initialFrameworkState()));
    expect(events.map((e) => e.type)).toEqual(['FrameworkVersionImported', 'BehaviourReworded']);
    if (first[0]?.type !== 'FrameworkVersionImported') throw new Error('unexpected');
    expect(events[1]).toMatchObject({ data: { behaviourId: first[0].data.content.behaviours[2]!.id, to: 'Runs regular game days for the payouts service' } });
  });

  it('publishes a version; publishing the current version again changes nothing; an unknown version is refused', () => {
    const publish = { type: 'PublishFrameworkVersion' as const, data: { frameworkId: 'payments', version: 1, publishedAt: 't', publishedBy: 'owner' } };
    spec.given(imported(edition1)).when(publish).then([{ type: 'FrameworkVersionPublished', data: { frameworkId: 'payments', version: 1, publishedAt: 't' } }]);
    spec.given([...imported(edition1), { type: 'FrameworkVersionPublished', data: { frameworkId: 'payments', version: 1, publishedAt: 't' } }]).when(publish).thenNothingHappens();
    spec.given(imported(edition1)).when({ ...publish, data: { ...publish.data, version: 9 } }).thenThrows('NOT_FOUND', /no version 9/, 'version');
  });

  describe('current version', () => {
    const published = (version: number): FrameworkEvent => ({ type: 'FrameworkVersionPublished', data: { frameworkId: 'payments', version, publishedAt: `p${version}` } });
    const publish = (version: number, confirmRetirements?: boolean) => ({
      type: 'PublishFrameworkVersion' as const,
      data: { frameworkId: 'payments', version, publishedAt: `p${version}`, publishedBy: 'owner', ...(confirmRetirements !== undefined && { confirmRetirements }) },
    });
    const edition2: FrameworkDraft = {
      ...edition1,
      behaviours: edition1.behaviours.map((b, i) => (i === 2 ? { ...b, text: 'Runs regular game days for the payouts service' } : b)),
    };
    const twoVersions = (): FrameworkEvent[] => {
      const first = imported(edition1);
      return [...first, ...decideFramework(importCommand(edition2), first.reduce(evolveFramework, initialFrameworkState()))];
    };

    it('publishing an older version makes it current again; exactly one version is current', () => {
      const history = [...twoVersions(), published(1), published(2)];
      spec.given(history).when(publish(1)).then([published(1)]);
      const state = [...history, published(1)].reduce(evolveFramework, initialFrameworkState());
      expect(state.current).toBe(1);
      expect(currentPublishedVersion(state)?.version).toBe(1);
      expect(state.versions.map((v) => v.published)).toEqual([true, true]);
      // Publishing the current version again changes nothing; the newer one can be made current again.
      spec.given([...history, published(1)]).when(publish(1)).thenNothingHappens();
      spec.given([...history, published(1)]).when(publish(2)).then([published(2)]);
    });

    it('an edition retiring a whole competency is published only when confirmed', () => {
      const withoutLeadership: FrameworkDraft = { ...edition1, behaviours: edition1.behaviours.filter((b) => b.competencyId !== 'leadership') };
      const withLeadership: FrameworkDraft = {
        ...edition1,
        behaviours: [...edition1.behaviours, ...['Leads the on-call rota', 'Runs the incident review', 'Coaches new leads', 'Sets team goals', 'Hires for the team'].map((text) => ({ level: 2, competencyId: 'leadership', text, notes: [], examples: [] }))],
      };
      const v1 = decideFramework(importCommand(withLeadership), initialFrameworkState());
      const v2 = decideFramework(importCommand(withoutLeadership), v1.reduce(evolveFramework, initialFrameworkState()));
      const history = [...v1, published(1), ...v2];
      spec.given(history).when(publish(2)).thenThrows('INVALID_STATE', /every behaviour of 'Leadership'.*confirmRetirements/, 'confirmRetirements');
      spec.given(history).when(publish(2, false)).thenThrows('INVALID_STATE', /more than 20%/, 'confirmRetirements');
      spec.given(history).when(publish(2, true)).then([published(2)]);
      const state = history.reduce(evolveFramework, initialFrameworkState());
      expect(retirementGuard(state, 2)).toMatch(/retires 5 of the 8 behaviours of version 1/);
      // The first publication of a framework needs no confirmation.
      expect(retirementGuard(v1.reduce(evolveFramework, initialFrameworkState()), 1)).toBeNull();
    });

    it('records every text change of a kept behaviour with its kind', () => {
      const first = imported(edition1);
      const restyled: FrameworkDraft = {
        ...edition1,
        behaviours: edition1.behaviours.map((b, i) => (i === 0 ? { ...b, text: 'ships small changes behind "feature flags".' } : i === 2 ? { ...b, text: 'Runs regular game days for the payouts service' } : b)),
      };
      const [event] = decideFramework(importCommand(restyled), first.reduce(evolveFramework, initialFrameworkState()));
      if (event?.type !== 'FrameworkVersionImported') throw new Error('unexpected');
      expect(event.data.changes.reworded.map((r) => [r.to, r.kind])).toEqual([
        ['ships small changes behind "feature flags".', 'case-or-punctuation'],
        ['Runs regular game days for the payouts service', 'reworded'],
      ]);
    });
  });

  it('refuses a structurally broken draft, naming the field', () => {
    const broken = (change: Partial<FrameworkDraft>) => importCommand({ ...edition1, ...change });
    spec.given([]).when(broken({ name: ' ' })).thenThrows('VALIDATION_FAILED', /name/, 'name');
    spec.given([]).when(broken({ levels: [{ level: 1 }, { level: 3 }] })).thenThrows('VALIDATION_FAILED', /1\.\.N/, 'levels[1].level');
    spec
      .given([])
      .when(broken({ behaviours: [{ level: 1, competencyId: 'influence', text: 'x', notes: [], examples: [] }] }))
      .thenThrows('VALIDATION_FAILED', /unknown competency 'influence'/, 'behaviours[0].competencyId');
    spec
      .given([])
      .when(broken({ behaviours: [{ level: 7, competencyId: 'mastery', text: 'x', notes: [], examples: [] }] }))
      .thenThrows('VALIDATION_FAILED', /expected 1\.\.2/, 'behaviours[0].level');
    spec.given([]).when(broken({ policy: { coverageShare: 0, minimumEvidence: 1, recencyWindowDays: null } })).thenThrows('VALIDATION_FAILED', /coverageShare/, 'policy.coverageShare');
  });
});
