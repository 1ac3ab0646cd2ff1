import { assertNever, levelKey, type RecordedEvent, type SkillsGraphEvent, normaliseSkillName, textChangeKind } from '@skills-graph/domain';
import { approvedPeriodsAfter, calibratedLevel, erasedEngineer, erasedEvidence, erasedRationale, evidenceChange, submittedEvidence } from '../evidence-view-changes.js';
import {
  compareEngineers,
  compareLevels,
  levelsAsOf,
  decodeCursor,
  encodeCursor,
  validateEngineerQuery,
  type BehaviourView,
  type CalibratedLevelView,
  type DemonstratedLevelView,
  type EngineerFilter,
  type EngineerView,
  type EvidenceView,
  type FrameworkSummaryView,
  type FrameworkVersionView,
  type Page,
  type PageRequest,
  type SkillView,
  type SkillsGraphReadModel,
  type TeamView,
} from '../read-model.port.js';
import { inMemoryGapToNextLevel, inMemoryPromotionReadiness, type LevelGapGraph } from './queries/level-gaps.js';
import type { LevelGapQuery, LevelGapView, PromotionCandidateView, PromotionReadinessFilter } from '../directors/level-gaps.js';
import { wasThereAt } from '../directors/engineers-as-of.js';
import type { StaffingMatch, StaffingQuery } from '../directors/staffing.js';
import { candidatesAsOf } from './queries/engineers-as-of.js';
import { staffingSearch } from './queries/staffing-search.js';
import { inMemoryLevelDistribution, inMemoryProgression, inMemorySkillCoverage, type LevelAggregateGraph } from './queries/level-aggregates.js';
import { LevelTally, competencyDimension, skillDimension } from './level-tally.js';
import { inEffectiveOrder, utcDay, type HeldChange, type ReadClock } from '../effective-dates.js';
import type { TimedLevelFact } from '../directors/level-aggregates.js';
import type { LevelDistributionQuery, LevelDistributionView, ProgressionQuery, ProgressionView, SkillCoverageQuery, SkillCoverageView } from '../directors/level-aggregates.js';

interface Team {
  id: string;
  name: string;
  members: Set<string>;
  /** Leavers whose last team this was: `team` with includeLeavers (or asOf) finds them. */
  leavers: Set<string>;
}

export interface InMemorySkillsGraphOptions {
  /** Where "today" comes from for changes held until their effective day (default: the system clock). */
  clock?: ReadClock;
}

/**
 * The embedded graph: plain maps with the indexes the queries need, rebuilt from the events at start.
 * "Who is L5 on Mastery in Go" reads one index entry (competency|skill → level → engineers).
 */
export class InMemorySkillsGraph implements SkillsGraphReadModel {
  private position = 0n;
  private readonly clock: ReadClock;
  /** Joiners, movers and leavers recorded before their effective day, in the order they take effect (effective-dates.ts). */
  private held: HeldChange[] = [];

  constructor(options: InMemorySkillsGraphOptions = {}) {
    this.clock = options.clock ?? { now: () => new Date() };
  }
  private readonly engineers = new Map<string, EngineerView>();
  private readonly teamsById = new Map<string, Team>();
  private readonly skillsById = new Map<string, SkillView>();
  private readonly skillByName = new Map<string, string>();
  private readonly evidence = new Map<string, EvidenceView>();
  private readonly evidenceByEngineer = new Map<string, string[]>();
  private readonly levels = new Map<string, Map<string, DemonstratedLevelView>>();
  /** levelKey(framework, competency, skill) → level → engineer ids */
  private readonly levelIndex = new Map<string, Map<number, Set<string>>>();
  /** `${competencyId}|${skillId ?? ''}` → the level-index keys of every framework that has it */
  private readonly levelKeysByCompetencySkill = new Map<string, Set<string>>();
  private readonly calibrations = new Map<string, CalibratedLevelView[]>();
  private readonly levelHistory = new Map<string, DemonstratedLevelView[]>();
  /** `${competencyId}|${skillId ?? ''}` → every level record of it in the order recorded (asOf on findEngineers). */
  private readonly historyByCompetencySkill = new Map<string, DemonstratedLevelView[]>();
  private readonly frameworkVersions = new Map<string, FrameworkVersionView[]>();
  private readonly behaviours = new Map<string, BehaviourView>();
  /** frameworkId → its current version (the one published last); absent while none is. */
  private readonly currentVersions = new Map<string, number>();
  /** Today's levels counted per team and manager, for the directors' aggregates. */
  private readonly tally = new LevelTally();
  /** `${competencyId}|${skillId ?? ''}` → its level records in time order (then recorded order), for progressions. */
  private readonly historyInTime = new Map<string, TimedLevelFact[]>();
  private recordedLevels = 0;
  /** manager id → the engineers reporting to them directly (as of now) */
  private readonly reports = new Map<string, Set<string>>();

  async applyEvents(events: readonly RecordedEvent[]): Promise<void> {
    const fresh = events.filter((event) => event.globalPosition > this.position);
    if (fresh.length === 0) return;
    const { apply, held } = inEffectiveOrder(this.held, fresh, utcDay(this.clock.now()));
    this.held = held;
    for (const event of apply) this.apply(event as RecordedEvent<SkillsGraphEvent>);
    this.position = fresh.at(-1)!.globalPosition;
  }

  /** Applies the held changes whose effective day the clock has reached. Every query calls it first. */
  async followTime(): Promise<void> {
    this.applyDueChanges();
  }

  private applyDueChanges(): void {
    if (this.held.length === 0) return;
    const today = utcDay(this.clock.now());
    if (this.held[0]!.effectiveOn > today) return;
    const { apply, held } = inEffectiveOrder(this.held, [], today);
    this.held = held;
    for (const event of apply) this.apply(event as RecordedEvent<SkillsGraphEvent>);
  }

  async checkpoint(): Promise<bigint> {
    return this.position;
  }

  private apply(event: RecordedEvent<SkillsGraphEvent>): void {
    const e = { type: event.type, data: event.data } as SkillsGraphEvent;
    switch (e.type) {
      case 'FrameworkVersionImported': {
        const d = e.data;
        const list = this.frameworkVersions.get(d.frameworkId) ?? [];
        const behaviours = d.content.behaviours.map((b) => ({ ...b, frameworkId: d.frameworkId, current: true }));
        list.push({
          frameworkId: d.frameworkId,
          version: d.version,
          name: d.content.name,
          published: false,
          current: false,
          importedAt: d.importedAt,
          levels: d.content.levels.map((l) => ({ level: l.level, name: l.name ?? null, summary: l.summary ?? null })),
          competencies: d.content.competencies.map((c) => ({ id: c.id, name: c.name, description: c.description ?? null })),
          behaviours,
          policy: d.content.policy,
          changes: {
            added: d.changes.added,
            removed: d.changes.removed,
            // Events recorded before text changes had a kind carry none: it follows from the two texts.
            reworded: d.changes.reworded.map((r) => ({ id: r.id, from: r.from, to: r.to, kind: r.kind ?? textChangeKind(r.from, r.to) })),
            moved: d.changes.moved.map((m) => ({ id: m.id })),
          },
          warnings: d.warnings,
        });
        this.frameworkVersions.set(d.frameworkId, list);
        for (const b of behaviours) this.behaviours.set(b.id, b);
        this.refreshCurrentBehaviours(d.frameworkId);
        return;
      }
      case 'FrameworkVersionPublished': {
        const versions = this.frameworkVersions.get(e.data.frameworkId) ?? [];
        for (const v of versions) v.current = v.version === e.data.version;
        const version = versions.find((v) => v.version === e.data.version);
        if (version) version.published = true;
        this.currentVersions.set(e.data.frameworkId, e.data.version);
        this.refreshCurrentBehaviours(e.data.frameworkId);
        return;
      }
      case 'BehaviourReworded':
      case 'BehaviourMoved':
      case 'BehaviourRetired':
        return; // the imported version already carries the new edition
      case 'SkillRegistered': {
        const skill = { id: e.data.skillId, name: e.data.name, aliases: [...e.data.aliases] };
        this.skillsById.set(skill.id, skill);
        for (const key of [skill.id, skill.name, ...skill.aliases]) this.skillByName.set(normaliseSkillName(key), skill.id);
        return;
      }
      case 'SkillAliasAdded': {
        const skill = this.skillsById.get(e.data.skillId);
        if (!skill) return;
        skill.aliases.push(e.data.alias);
        this.skillByName.set(normaliseSkillName(e.data.alias), skill.id);
        return;
      }
      case 'EngineerJoined': {
        const d = e.data;
        const before = this.engineers.get(d.engineerId);
        if (before) {
          this.reportsTo(before.id, before.managerId, null);
          this.teamsById.get(before.teamId)?.members.delete(before.id);
          this.teamsById.get(before.teamId)?.leavers.delete(before.id);
        }
        this.ensureTeam(d.teamId, d.teamName).members.add(d.engineerId);
        this.engineers.set(d.engineerId, { id: d.engineerId, name: d.name, email: d.email, title: d.title, teamId: d.teamId, managerId: d.managerId, status: 'active', joinedOn: d.joinedOn, erased: false });
        this.reportsTo(d.engineerId, null, d.managerId);
        this.tally.place(d.engineerId, { teamId: d.teamId, managerId: d.managerId });
        return;
      }
      case 'EngineerMoved': {
        const engineer = this.engineers.get(e.data.engineerId);
        if (!engineer) return;
        this.teamsById.get(engineer.teamId)?.members.delete(engineer.id);
        this.ensureTeam(e.data.teamId, e.data.teamName).members.add(engineer.id);
        this.reportsTo(engineer.id, engineer.managerId, e.data.managerId);
        Object.assign(engineer, { teamId: e.data.teamId, managerId: e.data.managerId, title: e.data.title });
        if (engineer.status === 'active') this.tally.place(engineer.id, { teamId: engineer.teamId, managerId: engineer.managerId });
        return;
      }
      case 'EngineerLeft': {
        const engineer = this.engineers.get(e.data.engineerId);
        if (!engineer) return;
        engineer.status = 'left';
        engineer.leftOn = e.data.leftOn;
        this.teamsById.get(engineer.teamId)?.members.delete(engineer.id);
        this.teamsById.get(engineer.teamId)?.leavers.add(engineer.id);
        this.tally.place(engineer.id, null);
        return;
      }
      case 'ApprovalsDelegated':
      case 'ApprovalDelegationRevoked':
        return; // approval delegations live on the manager's stream only: the evidence rules read them there
      case 'EngineerErased': {
        const id = e.data.engineerId;
        const engineer = this.engineers.get(id);
        if (engineer) Object.assign(engineer, erasedEngineer);
        for (const evidenceId of this.evidenceByEngineer.get(id) ?? []) this.updateEvidence(evidenceId, erasedEvidence);
        this.calibrations.set(id, (this.calibrations.get(id) ?? []).map((c) => ({ ...c, rationale: erasedRationale })));
        return;
      }
      case 'EvidenceSubmitted': {
        const d = e.data;
        this.evidence.set(d.evidenceId, submittedEvidence(d));
        const list = this.evidenceByEngineer.get(d.engineerId) ?? [];
        list.push(d.evidenceId);
        this.evidenceByEngineer.set(d.engineerId, list);
        return;
      }
      case 'EvidenceEndorsed':
        this.updateEvidence(e.data.evidenceId, (ev) => ({ endorserIds: [...ev.endorserIds, e.data.endorserId] }));
        return;
      case 'EvidenceApproved':
      case 'EvidenceRejected':
      case 'EvidenceWithdrawn':
      case 'EvidenceAmended':
        this.updateEvidence(e.data.evidenceId, (ev) => ({ ...evidenceChange(e), approvedPeriods: approvedPeriodsAfter(ev.approvedPeriods, e) }));
        return;
      case 'DemonstratedLevelRecorded': {
        const d = e.data;
        const key = levelKey(d.frameworkId, d.competencyId, d.skillId);
        const record: DemonstratedLevelView = { engineerId: d.engineerId, competencyId: d.competencyId, skillId: d.skillId, level: d.level, evidenceIds: d.evidenceIds, frameworkId: d.frameworkId, frameworkVersion: d.frameworkVersion, computedAt: d.computedAt };
        this.levelHistory.set(d.engineerId, [...(this.levelHistory.get(d.engineerId) ?? []), record]);
        pushTo(this.historyByCompetencySkill, `${d.competencyId}|${d.skillId ?? ''}`, record);
        this.inTimeOrder(`${d.competencyId}|${d.skillId ?? ''}`, { fact: record, index: this.recordedLevels++ });
        const own = this.levels.get(d.engineerId) ?? new Map<string, DemonstratedLevelView>();
        const before = own.get(key);
        if (before) this.levelIndex.get(key)?.get(before.level)?.delete(d.engineerId);
        if (d.level === 0) {
          own.delete(key);
        } else {
          own.set(key, record);
          const byLevel = this.levelIndex.get(key) ?? new Map<number, Set<string>>();
          const set = byLevel.get(d.level) ?? new Set<string>();
          set.add(d.engineerId);
          byLevel.set(d.level, set);
          this.levelIndex.set(key, byLevel);
          const acrossFrameworks = `${d.competencyId}|${d.skillId ?? ''}`;
          this.levelKeysByCompetencySkill.set(acrossFrameworks, (this.levelKeysByCompetencySkill.get(acrossFrameworks) ?? new Set<string>()).add(key));
        }
        this.levels.set(d.engineerId, own);
        this.countLevels(d.engineerId, own, d.competencyId, d.skillId);
        return;
      }
      case 'LevelCalibrated': {
        const list = this.calibrations.get(e.data.engineerId) ?? [];
        list.push(calibratedLevel(e.data, event.metadata.actor));
        this.calibrations.set(e.data.engineerId, list);
        return;
      }
      default:
        assertNever(e);
    }
  }

  /** Re-counts an engineer's highest level in a competency and skill (across frameworks) and in the skill (across competencies). */
  private countLevels(engineerId: string, own: ReadonlyMap<string, DemonstratedLevelView>, competencyId: string, skillId: string | null): void {
    let inCompetency = 0;
    for (const key of this.levelKeysByCompetencySkill.get(`${competencyId}|${skillId ?? ''}`) ?? []) inCompetency = Math.max(inCompetency, own.get(key)?.level ?? 0);
    this.tally.setLevel(engineerId, competencyDimension(competencyId, skillId), inCompetency);
    if (skillId === null) return;
    let inSkill = 0;
    for (const record of own.values()) if (record.skillId === skillId && record.level > inSkill) inSkill = record.level;
    this.tally.setLevel(engineerId, skillDimension(skillId), inSkill);
  }

  /** Records arrive almost always in time order: appended then, else inserted after the last one not later. */
  private inTimeOrder(key: string, timed: TimedLevelFact): void {
    let list = this.historyInTime.get(key);
    if (!list) this.historyInTime.set(key, (list = []));
    if (list.length === 0 || list.at(-1)!.fact.computedAt <= timed.fact.computedAt) {
      list.push(timed);
      return;
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.fact.computedAt <= timed.fact.computedAt) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, timed);
  }

  private reportsTo(engineerId: string, from: string | null, to: string | null): void {
    if (from !== null) this.reports.get(from)?.delete(engineerId);
    if (to !== null) {
      const direct = this.reports.get(to);
      if (direct) direct.add(engineerId);
      else this.reports.set(to, new Set([engineerId]));
    }
  }

  private ensureTeam(id: string, name: string): Team {
    const team = this.teamsById.get(id) ?? { id, name, members: new Set<string>(), leavers: new Set<string>() };
    team.name = name;
    this.teamsById.set(id, team);
    return team;
  }

  private updateEvidence(id: string, change: (ev: EvidenceView) => Partial<EvidenceView>): void {
    const ev = this.evidence.get(id);
    if (ev) this.evidence.set(id, { ...ev, ...change(ev) });
  }

  async findEngineers(filter: EngineerFilter, page: PageRequest): Promise<Page<EngineerView>> {
    validateEngineerQuery(filter, page);
    this.applyDueChanges();
    let candidates = filter.asOf !== undefined ? candidatesAsOf(this.historyByCompetencySkill, { ...filter, asOf: filter.asOf }) : this.candidateIds(filter);
    if (filter.teamId !== undefined) {
      // The team's members, and its leavers (their last team): the status filter below says who counts.
      const team = this.teamsById.get(filter.teamId);
      const members = new Set<string>([...(team?.members ?? []), ...(team?.leavers ?? [])]);
      candidates = candidates === null ? new Set(members) : new Set([...candidates].filter((id) => members.has(id)));
    }
    const line = filter.withinLineOf === undefined ? null : this.lineOf(filter.withinLineOf);
    const all = [...(candidates ?? this.engineers.keys())]
      .map((id) => this.engineers.get(id))
      .filter((e): e is EngineerView => e !== undefined && (filter.includeLeavers === true || (filter.asOf !== undefined ? wasThereAt(e, filter.asOf) : e.status === 'active')) && (line === null || line.has(e.id)))
      .sort(compareEngineers);
    const after = page.after === undefined ? null : decodeCursor(page.after);
    const start = after === null ? 0 : all.findIndex((e) => compareEngineers(e, after) > 0);
    const items = start < 0 ? [] : all.slice(start, start + page.first);
    const last = items.at(-1);
    return {
      items: items.map((e) => ({ ...e })),
      totalCount: all.length,
      endCursor: last ? encodeCursor(last) : null,
      hasNextPage: start >= 0 && start + page.first < all.length,
    };
  }

  private get aggregateGraph(): LevelAggregateGraph {
    this.applyDueChanges();
    return {
      engineers: this.engineers,
      historyByCompetencySkill: this.historyByCompetencySkill,
      historyInTime: this.historyInTime,
      levels: this.levels,
      levelIndex: this.levelIndex,
      levelKeysByCompetencySkill: this.levelKeysByCompetencySkill,
      skillIds: () => [...this.skillsById.keys()],
      lineOf: (id) => this.lineOf(id),
      tally: this.tally,
      teamMembers: (id) => this.teamsById.get(id)?.members ?? new Set(),
    };
  }

  async levelDistribution(query: LevelDistributionQuery): Promise<LevelDistributionView> {
    return inMemoryLevelDistribution(this.aggregateGraph, query);
  }

  async skillCoverage(query: SkillCoverageQuery): Promise<SkillCoverageView> {
    return inMemorySkillCoverage(this.aggregateGraph, query);
  }

  async progression(query: ProgressionQuery): Promise<ProgressionView> {
    return inMemoryProgression(this.aggregateGraph, query);
  }

  async staffingSearch(query: StaffingQuery, page: PageRequest): Promise<Page<StaffingMatch>> {
    this.applyDueChanges();
    return staffingSearch({ engineers: this.engineers, levels: this.levels, levelIndex: this.levelIndex, levelKeysByCompetencySkill: this.levelKeysByCompetencySkill, teamMembers: (id) => this.teamsById.get(id)?.members ?? new Set(), lineOf: (id) => this.lineOf(id) }, query, page);
  }

  private get levelGapGraph(): LevelGapGraph {
    this.applyDueChanges();
    return {
      engineers: this.engineers,
      evidence: this.evidence,
      evidenceByEngineer: this.evidenceByEngineer,
      calibrations: this.calibrations,
      publishedVersion: (frameworkId) => {
        const published = this.currentVersions.get(frameworkId);
        return published === undefined ? undefined : this.frameworkVersions.get(frameworkId)?.find((v) => v.version === published);
      },
      teamMembers: (id) => this.teamsById.get(id)?.members ?? new Set(),
      lineOf: (id) => this.lineOf(id),
    };
  }

  async gapToNextLevel(query: LevelGapQuery): Promise<LevelGapView | null> {
    return inMemoryGapToNextLevel(this.levelGapGraph, query);
  }

  async promotionReadiness(filter: PromotionReadinessFilter): Promise<PromotionCandidateView[]> {
    return inMemoryPromotionReadiness(this.levelGapGraph, filter);
  }

  /** The engineer and everyone below them in the current reporting line. */
  private lineOf(engineerId: string): Set<string> {
    const line = new Set<string>([engineerId]);
    for (const id of line) for (const report of this.reports.get(id) ?? []) line.add(report);
    return line;
  }

  /** Engineers matching the level/skill part of the filter, or null when that part is empty. */
  private candidateIds(filter: EngineerFilter): Set<string> | null {
    if (filter.competencyId !== undefined) {
      const keys =
        filter.frameworkId !== undefined
          ? [levelKey(filter.frameworkId, filter.competencyId, filter.skillId ?? null)]
          : [...(this.levelKeysByCompetencySkill.get(`${filter.competencyId}|${filter.skillId ?? ''}`) ?? [])];
      const matches = new Set<string>();
      for (const key of keys) {
        for (const [level, ids] of this.levelIndex.get(key) ?? []) {
          const wanted = filter.level !== undefined ? level === filter.level : level >= (filter.levelAtLeast ?? 1);
          if (wanted) ids.forEach((id) => matches.add(id));
        }
      }
      return matches;
    }
    if (filter.skillId !== undefined) {
      const matches = new Set<string>();
      for (const [key, byLevel] of this.levelIndex) {
        if (!key.endsWith(`|${filter.skillId}`) || (filter.frameworkId !== undefined && !key.startsWith(`${filter.frameworkId}|`))) continue;
        for (const ids of byLevel.values()) ids.forEach((id) => matches.add(id));
      }
      return matches;
    }
    return null;
  }

  async engineersByIds(ids: readonly string[]): Promise<(EngineerView | null)[]> {
    this.applyDueChanges();
    return ids.map((id) => {
      const e = this.engineers.get(id);
      return e ? { ...e } : null;
    });
  }

  async levelsOfEngineers(ids: readonly string[], asOf?: string): Promise<DemonstratedLevelView[][]> {
    if (asOf !== undefined) return ids.map((id) => levelsAsOf(this.levelHistory.get(id) ?? [], asOf));
    return ids.map((id) => [...(this.levels.get(id)?.values() ?? [])].sort(compareLevels));
  }

  async calibrationsOfEngineers(ids: readonly string[]): Promise<CalibratedLevelView[][]> {
    return ids.map((id) => [...(this.calibrations.get(id) ?? [])]);
  }

  async evidenceOfEngineers(ids: readonly string[]): Promise<EvidenceView[][]> {
    return ids.map((id) =>
      (this.evidenceByEngineer.get(id) ?? [])
        .map((evidenceId) => this.evidence.get(evidenceId)!)
        .sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id)),
    );
  }

  async evidenceByIds(ids: readonly string[]): Promise<(EvidenceView | null)[]> {
    return ids.map((id) => this.evidence.get(id) ?? null);
  }

  async behavioursByIds(ids: readonly string[]): Promise<(BehaviourView | null)[]> {
    return ids.map((id) => this.behaviours.get(id) ?? null);
  }

  async frameworks(): Promise<FrameworkSummaryView[]> {
    return [...this.frameworkVersions.values()].map((versions) => {
      const latest = versions.at(-1)!;
      return {
        frameworkId: latest.frameworkId,
        name: latest.name,
        latestVersion: latest.version,
        publishedVersion: this.currentVersions.get(latest.frameworkId) ?? null,
      };
    });
  }

  /** The version a framework is read by: its current one, else its latest. */
  private currentOrLatest(frameworkId: string): FrameworkVersionView | undefined {
    const versions = this.frameworkVersions.get(frameworkId) ?? [];
    return versions.find((v) => v.current) ?? versions.at(-1);
  }

  /** A behaviour is current while the framework's current version (the latest while none is published) includes it. */
  private refreshCurrentBehaviours(frameworkId: string): void {
    const chosen = this.currentOrLatest(frameworkId);
    const included = new Set(chosen?.behaviours.map((b) => b.id));
    for (const version of this.frameworkVersions.get(frameworkId) ?? []) {
      for (const b of version.behaviours) {
        const known = this.behaviours.get(b.id);
        if (known && known.current !== included.has(b.id)) this.behaviours.set(b.id, { ...known, current: included.has(b.id) });
      }
    }
  }

  async frameworkVersion(frameworkId: string, version?: number): Promise<FrameworkVersionView | null> {
    const versions = this.frameworkVersions.get(frameworkId) ?? [];
    const chosen = version !== undefined ? versions.find((v) => v.version === version) : this.currentOrLatest(frameworkId);
    if (!chosen) return null;
    // A behaviour is current until a later edition retires it, whichever version is asked for.
    return { ...chosen, behaviours: chosen.behaviours.map((b) => ({ ...b, current: this.behaviours.get(b.id)?.current ?? true })) };
  }

  async competencies(): Promise<{ id: string; name: string; description: string | null }[]> {
    const byId = new Map<string, { id: string; name: string; description: string | null }>();
    for (const frameworkId of [...this.frameworkVersions.keys()].sort()) {
      for (const version of this.frameworkVersions.get(frameworkId)!) for (const c of version.competencies) if (!byId.has(c.id)) byId.set(c.id, c);
    }
    return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  async skills(): Promise<SkillView[]> {
    return [...this.skillsById.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async resolveSkill(nameOrAlias: string): Promise<SkillView | null> {
    const id = this.skillByName.get(normaliseSkillName(nameOrAlias));
    return id === undefined ? null : this.skillsById.get(id)!;
  }

  async teams(): Promise<TeamView[]> {
    this.applyDueChanges();
    return [...this.teamsById.values()].map(toTeamView).sort((a, b) => a.name.localeCompare(b.name));
  }

  async close(): Promise<void> {
    // nothing to release
  }

  async teamsByIds(ids: readonly string[]): Promise<(TeamView | null)[]> {
    this.applyDueChanges();
    return ids.map((id) => {
      const team = this.teamsById.get(id);
      return team ? toTeamView(team) : null;
    });
  }
}

function pushTo<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function toTeamView(team: Team): TeamView {
  return { id: team.id, name: team.name, memberCount: team.members.size };
}
