import {
  currentPublishedVersion,
  evolveFramework,
  initialFrameworkState,
  nextLevelChangeAt,
  type ApprovedEvidence,
  type FrameworkContent,
  type FrameworkState,
  type RecordedEvent,
  type SkillsGraphEvent,
} from '@skills-graph/domain';

export interface AssessmentInputsSnapshot {
  frameworks: [string, FrameworkState][];
  evidence: TrackedEvidence[];
}

interface TrackedEvidence extends ApprovedEvidence {
  engineerId: string;
  frameworkId: string;
  approved: boolean;
}

/**
 * What the level computation needs, folded from the global log: every framework's versions and each
 * engineer's evidence with its approval state. `apply` returns the engineers whose levels may have changed.
 */
export class AssessmentInputs {
  private readonly frameworks = new Map<string, FrameworkState>();
  private readonly evidence = new Map<string, TrackedEvidence>();
  private readonly evidenceByEngineer = new Map<string, Set<string>>();

  /** Everything folded so far, as plain JSON (stored beside the recomputer's checkpoint). */
  snapshot(): AssessmentInputsSnapshot {
    return { frameworks: [...this.frameworks], evidence: [...this.evidence.values()] };
  }

  static fromSnapshot(snapshot: AssessmentInputsSnapshot): AssessmentInputs {
    const inputs = new AssessmentInputs();
    for (const [id, state] of snapshot.frameworks) inputs.frameworks.set(id, state);
    for (const tracked of snapshot.evidence) {
      inputs.evidence.set(tracked.evidenceId, tracked);
      const own = inputs.evidenceByEngineer.get(tracked.engineerId) ?? new Set<string>();
      own.add(tracked.evidenceId);
      inputs.evidenceByEngineer.set(tracked.engineerId, own);
    }
    return inputs;
  }

  apply(recorded: RecordedEvent): string[] {
    const event = { type: recorded.type, data: recorded.data } as SkillsGraphEvent;
    switch (event.type) {
      case 'FrameworkVersionImported':
      case 'FrameworkVersionPublished': {
        const id = event.data.frameworkId;
        this.frameworks.set(id, evolveFramework(this.frameworks.get(id) ?? initialFrameworkState(), event));
        if (event.type !== 'FrameworkVersionPublished') return [];
        return [...new Set([...this.evidence.values()].filter((e) => e.frameworkId === id).map((e) => e.engineerId))];
      }
      case 'EvidenceSubmitted': {
        const d = event.data;
        this.evidence.set(d.evidenceId, { evidenceId: d.evidenceId, engineerId: d.engineerId, frameworkId: d.frameworkId, date: d.date, skillIds: d.skillIds, behaviourIds: d.behaviourIds, approved: false });
        const own = this.evidenceByEngineer.get(d.engineerId) ?? new Set<string>();
        own.add(d.evidenceId);
        this.evidenceByEngineer.set(d.engineerId, own);
        return [];
      }
      case 'EvidenceApproved':
        return this.update(event.data.evidenceId, { approved: true });
      case 'EvidenceWithdrawn':
      case 'EvidenceRejected':
        return this.update(event.data.evidenceId, { approved: false });
      case 'EvidenceAmended': {
        const { date, skillIds, behaviourIds } = event.data.changes;
        return this.update(event.data.evidenceId, {
          approved: false,
          ...(date !== undefined && { date }),
          ...(skillIds !== undefined && { skillIds }),
          ...(behaviourIds !== undefined && { behaviourIds }),
        });
      }
      default:
        return [];
    }
  }

  /** The version of a framework that levels are assessed against: its newest published one. */
  publishedFramework(frameworkId: string): { frameworkId: string; version: number; content: FrameworkContent } | null {
    const state = this.frameworks.get(frameworkId);
    const published = state && currentPublishedVersion(state);
    return published ? { frameworkId, version: published.version, content: published.content } : null;
  }

  /** Frameworks the engineer has evidence against, sorted. */
  frameworksOf(engineerId: string): string[] {
    return [...new Set([...(this.evidenceByEngineer.get(engineerId) ?? [])].map((id) => this.evidence.get(id)!.frameworkId))].sort();
  }

  approvedEvidenceOf(engineerId: string, frameworkId: string): ApprovedEvidence[] {
    return [...(this.evidenceByEngineer.get(engineerId) ?? [])]
      .map((id) => this.evidence.get(id)!)
      .filter((e) => e.approved && e.frameworkId === frameworkId)
      .map(({ evidenceId, date, skillIds, behaviourIds }) => ({ evidenceId, date, skillIds, behaviourIds }));
  }

  /** Every engineer who has evidence. */
  engineerIds(): string[] {
    return [...this.evidenceByEngineer.keys()];
  }

  /**
   * The first instant after `after` (ms) at which the engineer's levels change with no new event, across the
   * frameworks they have evidence against (each assessed by its published version); null when none.
   */
  nextLevelChangeOf(engineerId: string, after: number): number | null {
    let next: number | null = null;
    for (const frameworkId of this.frameworksOf(engineerId)) {
      const framework = this.publishedFramework(frameworkId);
      if (!framework) continue;
      const at = nextLevelChangeAt(framework.content, this.approvedEvidenceOf(engineerId, frameworkId), new Date(after).toISOString());
      if (at !== null && (next === null || Date.parse(at) < next)) next = Date.parse(at);
    }
    return next;
  }

  private update(evidenceId: string, change: Partial<TrackedEvidence>): string[] {
    const tracked = this.evidence.get(evidenceId);
    if (!tracked) return [];
    const wasApproved = tracked.approved;
    Object.assign(tracked, change);
    return wasApproved || tracked.approved ? [tracked.engineerId] : [];
  }
}
