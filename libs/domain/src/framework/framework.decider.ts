import { DomainError, assertNever, type Decider } from '../decider.js';
import type { DomainEvent } from '../events/event-envelope.js';
import type { FrameworkContent, FrameworkDraft, LevelPolicy } from './framework-content.js';
import { defaultLevelPolicy } from './framework-content.js';
import { assignBehaviourIds, type EditionChanges } from './framework-edition.js';

// ---- Commands -------------------------------------------------------------------------------

export interface ImportFrameworkVersion {
  type: 'ImportFrameworkVersion';
  data: {
    frameworkId: string;
    draft: FrameworkDraft;
    /** sha256 of the canonical draft: the same content in any format is the same version. */
    contentHash: string;
    sourceFormat: string;
    warnings: string[];
    importedAt: string;
    importedBy: string;
  };
}

export interface PublishFrameworkVersion {
  type: 'PublishFrameworkVersion';
  data: {
    frameworkId: string;
    version: number;
    publishedAt: string;
    publishedBy: string;
    /** Needed when publishing would retire a whole competency or more than RETIREMENT_SHARE_LIMIT of the behaviours. */
    confirmRetirements?: boolean;
  };
}

export type FrameworkCommand = ImportFrameworkVersion | PublishFrameworkVersion;

// ---- Events ---------------------------------------------------------------------------------

export type FrameworkVersionImported = DomainEvent<
  'FrameworkVersionImported',
  {
    frameworkId: string;
    version: number;
    contentHash: string;
    sourceFormat: string;
    content: FrameworkContent;
    changes: EditionChanges;
    warnings: string[];
    importedAt: string;
  }
>;
export type BehaviourReworded = DomainEvent<
  'BehaviourReworded',
  { frameworkId: string; version: number; behaviourId: string; from: string; to: string }
>;
export type BehaviourMoved = DomainEvent<
  'BehaviourMoved',
  {
    frameworkId: string;
    version: number;
    behaviourId: string;
    from: { level: number; competencyId: string };
    to: { level: number; competencyId: string };
  }
>;
export type BehaviourRetired = DomainEvent<
  'BehaviourRetired',
  { frameworkId: string; version: number; behaviourId: string }
>;
/**
 * The version becomes the framework's current one (the one levels are assessed against). Publishing an
 * older version again makes it current again: the last of these events in a stream names the current version.
 */
export type FrameworkVersionPublished = DomainEvent<
  'FrameworkVersionPublished',
  { frameworkId: string; version: number; publishedAt: string }
>;

export type FrameworkEvent =
  | FrameworkVersionImported
  | BehaviourReworded
  | BehaviourMoved
  | BehaviourRetired
  | FrameworkVersionPublished;

// ---- State ----------------------------------------------------------------------------------

export interface FrameworkVersionState {
  version: number;
  contentHash: string;
  content: FrameworkContent;
  /** Was ever published. */
  published: boolean;
}

export interface FrameworkState {
  frameworkId: string | null;
  versions: FrameworkVersionState[];
  /** The version last published (levels are assessed against it); null while none is. */
  current: number | null;
}

export const frameworkStream = (frameworkId: string) => `framework-${frameworkId}`;

export function initialFrameworkState(): FrameworkState {
  return { frameworkId: null, versions: [], current: null };
}

export function evolveFramework(state: FrameworkState, event: FrameworkEvent): FrameworkState {
  switch (event.type) {
    case 'FrameworkVersionImported':
      return {
        ...state,
        frameworkId: event.data.frameworkId,
        versions: [
          ...state.versions,
          {
            version: event.data.version,
            contentHash: event.data.contentHash,
            content: event.data.content,
            published: false,
          },
        ],
      };
    case 'FrameworkVersionPublished':
      return {
        ...state,
        versions: state.versions.map((v) => (v.version === event.data.version ? { ...v, published: true } : v)),
        current: event.data.version,
      };
    case 'BehaviourReworded':
    case 'BehaviourMoved':
    case 'BehaviourRetired':
      // Recorded for readers; the imported content already holds the new edition.
      return state;
    default:
      return assertNever(event);
  }
}

export function decideFramework(command: FrameworkCommand, state: FrameworkState): FrameworkEvent[] {
  switch (command.type) {
    case 'ImportFrameworkVersion':
      return importVersion(command.data, state);
    case 'PublishFrameworkVersion': {
      const target = state.versions.find((v) => v.version === command.data.version);
      if (!target) {
        throw new DomainError(
          'NOT_FOUND',
          `Framework ${command.data.frameworkId} has no version ${command.data.version}`,
          'version',
        );
      }
      if (state.current === target.version) return []; // publishing the current version again changes nothing
      const reason = retirementGuard(state, target.version);
      if (reason && !command.data.confirmRetirements) throw new PublicationNeedsConfirmation(command.data.version, reason);
      return [
        {
          type: 'FrameworkVersionPublished',
          data: {
            frameworkId: command.data.frameworkId,
            version: command.data.version,
            publishedAt: command.data.publishedAt,
          },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}

function importVersion(data: ImportFrameworkVersion['data'], state: FrameworkState): FrameworkEvent[] {
  validateDraft(data.draft);
  if (state.versions.some((v) => v.contentHash === data.contentHash)) return []; // same content twice = one version

  const latest = state.versions.at(-1);
  const version = (latest?.version ?? 0) + 1;
  const { behaviours, changes } = assignBehaviourIds(data.frameworkId, latest?.content.behaviours ?? [], data.draft.behaviours);
  const content: FrameworkContent = {
    name: data.draft.name,
    levels: data.draft.levels,
    competencies: data.draft.competencies,
    behaviours,
    policy: data.draft.policy ?? latest?.content.policy ?? defaultLevelPolicy,
  };
  const base = { frameworkId: data.frameworkId, version };
  const events: FrameworkEvent[] = [
    {
      type: 'FrameworkVersionImported',
      data: {
        ...base,
        contentHash: data.contentHash,
        sourceFormat: data.sourceFormat,
        content,
        changes,
        warnings: data.warnings,
        importedAt: data.importedAt,
      },
    },
  ];
  if (!latest) return events;
  for (const r of changes.reworded) events.push({ type: 'BehaviourReworded', data: { ...base, behaviourId: r.id, from: r.from, to: r.to } });
  for (const m of changes.moved) events.push({ type: 'BehaviourMoved', data: { ...base, behaviourId: m.id, from: m.from, to: m.to } });
  for (const id of changes.removed) events.push({ type: 'BehaviourRetired', data: { ...base, behaviourId: id } });
  return events;
}

/** Structural rules every version must satisfy, whatever format it came from. */
export function validateDraft(draft: FrameworkDraft): void {
  if (!draft.name.trim()) throw new DomainError('VALIDATION_FAILED', 'A framework needs a name', 'name');
  if (draft.levels.length === 0) throw new DomainError('VALIDATION_FAILED', 'A framework needs at least one level', 'levels');
  draft.levels.forEach((l, i) => {
    if (l.level !== i + 1) {
      throw new DomainError('VALIDATION_FAILED', `Levels must be numbered 1..N in order; found ${l.level} at position ${i + 1}`, `levels[${i}].level`);
    }
  });
  if (draft.competencies.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'A framework needs at least one competency', 'competencies');
  }
  const competencyIds = new Set<string>();
  draft.competencies.forEach((c, i) => {
    if (competencyIds.has(c.id)) throw new DomainError('VALIDATION_FAILED', `Duplicate competency id ${c.id}`, `competencies[${i}].id`);
    competencyIds.add(c.id);
  });
  const behaviourIds = new Set<string>();
  draft.behaviours.forEach((b, i) => {
    if (!competencyIds.has(b.competencyId)) {
      throw new DomainError('VALIDATION_FAILED', `Behaviour ${i + 1} names unknown competency '${b.competencyId}'`, `behaviours[${i}].competencyId`);
    }
    if (!Number.isInteger(b.level) || b.level < 1 || b.level > draft.levels.length) {
      throw new DomainError('VALIDATION_FAILED', `Behaviour ${i + 1} has level ${b.level}; expected 1..${draft.levels.length}`, `behaviours[${i}].level`);
    }
    if (!b.text.trim()) throw new DomainError('VALIDATION_FAILED', `Behaviour ${i + 1} has no text`, `behaviours[${i}].text`);
    if (b.id !== undefined) {
      if (behaviourIds.has(b.id)) throw new DomainError('VALIDATION_FAILED', `Duplicate behaviour id ${b.id}`, `behaviours[${i}].id`);
      behaviourIds.add(b.id);
    }
  });
  if (draft.policy) validatePolicy(draft.policy);
}

function validatePolicy(policy: LevelPolicy): void {
  if (!(policy.coverageShare > 0 && policy.coverageShare <= 1)) {
    throw new DomainError('VALIDATION_FAILED', 'policy.coverageShare must be in (0, 1]', 'policy.coverageShare');
  }
  if (!Number.isInteger(policy.minimumEvidence) || policy.minimumEvidence < 0) {
    throw new DomainError('VALIDATION_FAILED', 'policy.minimumEvidence must be a non-negative integer', 'policy.minimumEvidence');
  }
  if (policy.recencyWindowDays !== null && !(Number.isInteger(policy.recencyWindowDays) && policy.recencyWindowDays > 0)) {
    throw new DomainError('VALIDATION_FAILED', 'policy.recencyWindowDays must be a positive integer or null', 'policy.recencyWindowDays');
  }
}

/** The version levels are assessed against: the current one (the one published last), else none. */
export function currentPublishedVersion(state: FrameworkState): FrameworkVersionState | undefined {
  return state.current === null ? undefined : state.versions.find((v) => v.version === state.current);
}

/** Publishing a version that retires more than this share of the current version's behaviours needs confirmation. */
export const RETIREMENT_SHARE_LIMIT = 0.2;

/**
 * Why publishing `version` needs an explicit confirmation, or null when it does not: compared with the current
 * version, it would retire every behaviour of a competency, or more than RETIREMENT_SHARE_LIMIT of the behaviours.
 * The first publication of a framework never needs one.
 */
export function retirementGuard(state: FrameworkState, version: number): string | null {
  const current = currentPublishedVersion(state);
  const target = state.versions.find((v) => v.version === version);
  if (!current || !target || current.version === version) return null;
  const kept = new Set(target.content.behaviours.map((b) => b.id));
  const retired = current.content.behaviours.filter((b) => !kept.has(b.id));
  if (retired.length === 0) return null;
  const reasons: string[] = [];
  const lostCompetencies = current.content.competencies.filter((c) => {
    const of = current.content.behaviours.filter((b) => b.competencyId === c.id);
    return of.length > 0 && of.every((b) => !kept.has(b.id));
  });
  if (lostCompetencies.length > 0) {
    reasons.push(`it retires every behaviour of ${lostCompetencies.map((c) => `'${c.name}'`).join(', ')}`);
  }
  const share = retired.length / current.content.behaviours.length;
  if (share > RETIREMENT_SHARE_LIMIT) {
    reasons.push(
      `it retires ${retired.length} of the ${current.content.behaviours.length} behaviours of version ${current.version} (more than ${Math.round(RETIREMENT_SHARE_LIMIT * 100)}%)`,
    );
  }
  if (reasons.length === 0) return null;
  return `Version ${version} was not published: ${reasons.join(', and ')}. Publish it with confirmRetirements: true if this is intended.`;
}

/** Publishing would retire too much of the current version and was not confirmed; nothing was recorded. */
export class PublicationNeedsConfirmation extends DomainError {
  constructor(
    readonly version: number,
    readonly reason: string,
  ) {
    super('INVALID_STATE', reason, 'confirmRetirements');
    this.name = 'PublicationNeedsConfirmation';
  }
}


/** The framework decider as one value, for command handlers and tests. */
export const frameworkDecider: Decider<FrameworkCommand, FrameworkEvent, FrameworkState> = { decide: decideFramework, evolve: evolveFramework, initialState: initialFrameworkState };
