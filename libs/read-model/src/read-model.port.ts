import type { RecordedEvent, TextChangeKind } from '@skills-graph/domain';
import type { LevelGapQuery, LevelGapView, PromotionCandidateView, PromotionReadinessFilter } from './directors/level-gaps.js';
import type { StaffingMatch, StaffingQuery } from './directors/staffing.js';
import type { LevelDistributionQuery, LevelDistributionView, ProgressionQuery, ProgressionView, SkillCoverageQuery, SkillCoverageView } from './directors/level-aggregates.js';

/**
 * The graph read model: engineers, teams, skills, projects, the framework's competencies, levels and
 * behaviours, the evidence, and each engineer's demonstrated levels with provenance. Fed only by the
 * projector (applyEvents, in global order); queried by the gateway. Adapters: in-memory (embedded) and
 * Neo4j; both pass testing/read-model.contract.ts.
 */

export interface EngineerFilter {
  /** Only levels demonstrated against this framework; default: any framework. */
  frameworkId?: string;
  /** Competency id, e.g. `mastery`. Required with level / levelAtLeast. */
  competencyId?: string;
  level?: number;
  levelAtLeast?: number;
  /** Skill id (resolve names and aliases first). With a competency, levels are those within the skill. */
  skillId?: string;
  teamId?: string;
  /** Leavers are left out unless asked for. */
  includeLeavers?: boolean;
  /** Only this engineer and everyone below them in the reporting line (reports, their reports, ...), as of now. */
  withinLineOf?: string;
  /** An ISO instant: the level part is judged on the levels as they stood then (directors/engineers-as-of.ts). */
  asOf?: string;
}

export interface PageRequest {
  first: number;
  /** Opaque cursor: the endCursor of the previous page. */
  after?: string;
}

export interface Page<T> {
  items: T[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface EngineerView {
  id: string;
  /** erasedPlaceholders.name once the engineer's personal data is erased. */
  name: string;
  /** null once erased. */
  email: string | null;
  /** The engineer's personal data was erased (EngineerErased): name, e-mail and the text of their evidence read as placeholders. */
  erased: boolean;
  title: string;
  teamId: string;
  managerId: string | null;
  status: 'active' | 'left';
  joinedOn: string;
  /** The effective date of leaving (YYYY-MM-DD) once a leaver is recorded; absent otherwise. */
  leftOn?: string | null;
}

export interface TeamView {
  id: string;
  name: string;
  memberCount: number;
}

export interface SkillView {
  id: string;
  name: string;
  aliases: string[];
}

export interface DemonstratedLevelView {
  engineerId: string;
  competencyId: string;
  skillId: string | null;
  level: number;
  evidenceIds: string[];
  frameworkId: string;
  frameworkVersion: number;
  computedAt: string;
}

/** A level a promotion panel recorded for one competency, beside the demonstrated one. */
export interface CalibratedLevelView {
  engineerId: string;
  competencyId: string;
  level: number;
  rationale: string;
  /** Engineer ids of the panel members. */
  panel: string[];
  /** Who recorded the calibration: the actor of the LevelCalibrated event. */
  calibratedBy: string;
  calibratedAt: string;
}

export type EvidenceStatusView = 'submitted' | 'approved' | 'rejected' | 'withdrawn';

export interface EvidenceView {
  id: string;
  engineerId: string;
  kind: string;
  title: string;
  url: string | null;
  date: string;
  projectId: string | null;
  skillIds: string[];
  behaviourIds: string[];
  status: EvidenceStatusView;
  endorserIds: string[];
  reviewerId: string | null;
  rejectionReason: string | null;
  submittedAt: string;
  /**
   * When the evidence was approved: from each approval until the withdrawal or amendment that ended it
   * (`to` null: approved still), oldest first. An amendment sends approved evidence back to review.
   */
  approvedPeriods: ApprovedPeriodView[];
}

/** One span of time an evidence item was approved: [from, to), ISO instants. */
export interface ApprovedPeriodView {
  from: string;
  to: string | null;
}

export interface BehaviourView {
  id: string;
  frameworkId: string;
  level: number;
  competencyId: string;
  text: string;
  notes: string[];
  examples: string[];
  /** Whether the framework's current version (the latest while none is published) includes it; evidence keeps pointing at it either way. */
  current: boolean;
}

export interface FrameworkVersionView {
  frameworkId: string;
  version: number;
  name: string;
  /** Was ever published. */
  published: boolean;
  /** The framework's current version: the one published last (exactly one, once any was published). */
  current: boolean;
  importedAt: string;
  levels: { level: number; name: string | null; summary: string | null }[];
  competencies: { id: string; name: string; description: string | null }[];
  behaviours: BehaviourView[];
  policy: { coverageShare: number; minimumEvidence: number; recencyWindowDays: number | null };
  changes: { added: string[]; removed: string[]; reworded: { id: string; from: string; to: string; kind: TextChangeKind }[]; moved: { id: string }[] };
  warnings: string[];
}

export interface FrameworkSummaryView {
  frameworkId: string;
  name: string;
  latestVersion: number;
  /** The current version (the one published last), null while none is published. */
  publishedVersion: number | null;
}

export interface SkillsGraphReadModel {
  /** Apply events in global order; events at or below the checkpoint are ignored (idempotent replays). */
  applyEvents(events: readonly RecordedEvent[]): Promise<void>;
  /** Global position of the last applied event. */
  checkpoint(): Promise<bigint>;
  /**
   * Applies the joiners, movers and leavers held until their effective day once the read model's clock
   * has reached it (effective-dates.ts). The projector calls it on a timer; applyEvents does it too.
   */
  followTime(): Promise<void>;

  findEngineers(filter: EngineerFilter, page: PageRequest): Promise<Page<EngineerView>>;
  /** Staffing search: engineers meeting every requirement, by margin then name, with the proof of each requirement. */
  staffingSearch(query: StaffingQuery, page: PageRequest): Promise<Page<StaffingMatch>>;
  /** Directors: engineers per level per group (team, manager or none), with the median; asOf from the level history. */
  levelDistribution(query: LevelDistributionQuery): Promise<LevelDistributionView>;
  /** Directors: holders per skill at or above a level, across the scope and per team, flagged below two (bus factor). */
  skillCoverage(query: SkillCoverageQuery): Promise<SkillCoverageView>;
  /** Directors: level counts at the end of each month or quarter, from the level history. */
  progression(query: ProgressionQuery): Promise<ProgressionView>;
  /** Directors: the behaviours still missing for the next level, by the level rule on the published framework; null when the engineer or the published framework is unknown. */
  gapToNextLevel(query: LevelGapQuery): Promise<LevelGapView | null>;
  /** Directors: current engineers demonstrating more than their calibration, or one behaviour from the next level; by name, then competency. */
  promotionReadiness(filter: PromotionReadinessFilter): Promise<PromotionCandidateView[]>;
  engineersByIds(ids: readonly string[]): Promise<(EngineerView | null)[]>;
  /** Current levels; with asOf (an ISO instant), the levels as they stood then (from the level history). */
  levelsOfEngineers(ids: readonly string[], asOf?: string): Promise<DemonstratedLevelView[][]>;
  /** Every calibration of each engineer, in the order they were recorded (the last of a competency is its current one). */
  calibrationsOfEngineers(ids: readonly string[]): Promise<CalibratedLevelView[][]>;
  evidenceOfEngineers(ids: readonly string[]): Promise<EvidenceView[][]>;
  evidenceByIds(ids: readonly string[]): Promise<(EvidenceView | null)[]>;
  behavioursByIds(ids: readonly string[]): Promise<(BehaviourView | null)[]>;
  frameworks(): Promise<FrameworkSummaryView[]>;
  /** A version, or the current one (else the latest) when version is omitted. */
  frameworkVersion(frameworkId: string, version?: number): Promise<FrameworkVersionView | null>;
  /** Every competency any framework defines (by id; the first definition's name wins). */
  competencies(): Promise<{ id: string; name: string; description: string | null }[]>;
  skills(): Promise<SkillView[]>;
  /** By id, name or alias, case-insensitive: `golang` finds Go. */
  resolveSkill(nameOrAlias: string): Promise<SkillView | null>;
  teams(): Promise<TeamView[]>;
  teamsByIds(ids: readonly string[]): Promise<(TeamView | null)[]>;
  close(): Promise<void>;
}

export const READ_MODEL = Symbol('SkillsGraphReadModel');

export class InvalidQueryError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'InvalidQueryError';
  }
}

export const maxPageSize = 200;

/** Checks a filter and page before any adapter runs it. */
export function validateEngineerQuery(filter: EngineerFilter, page: PageRequest): void {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > maxPageSize) {
    throw new InvalidQueryError(`first must be between 1 and ${maxPageSize}`, 'first');
  }
  if (filter.level !== undefined && filter.levelAtLeast !== undefined) {
    throw new InvalidQueryError('Give level or levelAtLeast, not both', 'filter.level');
  }
  for (const field of ['level', 'levelAtLeast'] as const) {
    const value = filter[field];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) throw new InvalidQueryError(`${field} must be a non-negative integer`, `filter.${field}`);
    if (!filter.competencyId) throw new InvalidQueryError(`${field} needs a competency`, 'filter.competency');
  }
  if (page.after !== undefined) decodeCursor(page.after);
  if (filter.asOf !== undefined && Number.isNaN(Date.parse(filter.asOf))) throw new InvalidQueryError('asOf must be an ISO instant', 'filter.asOf');
}

/** Engineers are ordered by name then id; a cursor is the last (name, id) seen. */
export function encodeCursor(engineer: Pick<EngineerView, 'name' | 'id'>): string {
  return Buffer.from(JSON.stringify([engineer.name, engineer.id])).toString('base64url');
}

export function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [name, id] = value as unknown[];
      if (typeof name === 'string' && typeof id === 'string') return { name, id };
    }
  } catch {
    // fall through
  }
  throw new InvalidQueryError('after is not a cursor this API returned', 'after');
}

/** Levels sort by framework, competency, then skill (overall first). */
export function compareLevels(a: DemonstratedLevelView, b: DemonstratedLevelView): number {
  return a.frameworkId.localeCompare(b.frameworkId) || a.competencyId.localeCompare(b.competencyId) || (a.skillId ?? '').localeCompare(b.skillId ?? '');
}

/** The last record per level key at or before asOf (records in the order they were recorded); level-0 records end a level. */
export function levelsAsOf(history: readonly DemonstratedLevelView[], asOf: string): DemonstratedLevelView[] {
  const latest = new Map<string, DemonstratedLevelView>();
  for (const record of history) {
    if (record.computedAt > asOf) continue;
    latest.set(`${record.frameworkId}|${record.competencyId}|${record.skillId ?? ''}`, record);
  }
  return [...latest.values()].filter((l) => l.level > 0).sort(compareLevels);
}

export function compareEngineers(a: Pick<EngineerView, 'name' | 'id'>, b: Pick<EngineerView, 'name' | 'id'>): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** How far the projector has got: lets a reader wait until its own write is visible (read-your-writes). */
export interface ProjectionProgress {
  /** Resolves true once the read model has applied `position`, false after `timeoutMs`. */
  waitForPosition(position: bigint, timeoutMs: number): Promise<boolean>;
  /** Position of the last event the read model applied, known without asking it. */
  appliedPosition(): bigint;
}

export const PROJECTION_PROGRESS = Symbol('ProjectionProgress');
