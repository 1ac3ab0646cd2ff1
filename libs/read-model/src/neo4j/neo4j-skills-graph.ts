import neo4j, { type Driver, type ManagedTransaction, type Node } from 'neo4j-driver';
import { DependencyUnavailableError, withDeadline } from '@skills-graph/config';
import { normaliseSkillName, textChangeKind, type RecordedEvent } from '@skills-graph/domain';
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
import { approvedPeriodsOf } from '../evidence-view-changes.js';
import { checkpointName, cypherForEvents, overallSkill, readCheckpointCypher, writeCheckpointCypher } from './event-to-cypher.js';
import { graphSchemaStatements } from './neo4j-graph-schema.js';
import { inEffectiveOrder, utcDay, type ReadClock } from '../effective-dates.js';
import { firstHeldDayCypher, readHeldChanges, writeHeldChanges } from './held-changes.js';
import { teamCondition, teamMatch } from './queries/find-engineers.js';
import { backfillLevelTalliesStep, prepareLevelTallies, type RunCypher } from './level-tally-projection.js';
import { gapFactsCypher, gapFromRow, publishedVersionCypher, readinessFactsCypher, readinessFromRows, toPublishedFramework } from './queries/level-gaps.js';
import { checkedAsOf, type LevelGapQuery, type LevelGapView, type PromotionCandidateView, type PromotionReadinessFilter } from '../directors/level-gaps.js';
import type { StaffingMatch, StaffingQuery } from '../directors/staffing.js';
import { asOfParams, levelMatchAsOf, statusCondition } from './queries/engineers-as-of.js';
import { staffingPage, staffingSearchCypher } from './queries/staffing-search.js';
import { neo4jLevelDistribution, neo4jProgression, neo4jSkillCoverage } from './queries/level-aggregates.js';
import type { LevelDistributionQuery, LevelDistributionView, ProgressionQuery, ProgressionView, SkillCoverageQuery, SkillCoverageView } from '../directors/level-aggregates.js';

export interface Neo4jConnection {
  uri: string;
  username?: string;
  password?: string;
  database?: string;
  /**
   * The bound of one call (NEO4J_TIMEOUT_MS, default 5,000 ms): connecting, acquiring a pooled connection,
   * retrying a transaction, and each read and checkpoint as a whole. Past it a read fails with
   * DependencyUnavailableError('neo4j'). Projection writes keep no transaction timeout (a large batch may
   * take longer), only the connection and retry bounds.
   */
  timeoutMs?: number;
  /** Where "today" comes from for changes held until their effective day (default: the system clock). */
  clock?: ReadClock;
}

/** neo4j-driver's errors that mean the server cannot be reached or did not answer in time (not a bad query). */
export function isNeo4jUnavailable(error: unknown): boolean {
  const { code, message, retriable } = (error ?? {}) as { code?: unknown; message?: unknown; retriable?: unknown };
  if (code === 'ServiceUnavailable' || code === 'SessionExpired') return true;
  if (typeof code === 'string' && /TransactionTimedOut|Transaction\.Terminated/.test(code)) return true;
  if (retriable === true && !(typeof code === 'string' && code.startsWith('Neo.ClientError'))) return true;
  return /acquisition timed out|connection (was )?(refused|closed|timed out)|ECONNREFUSED|ECONNRESET|Failed to connect/i.test(String(message ?? ''));
}

type Props = Record<string, unknown>;
const props = (node: unknown): Props => (node as Node).properties as Props;

/**
 * The graph read model on Neo4j. applyEvents writes a batch (UNWIND statements from cypherForEvents)
 * and the checkpoint in one transaction, so a crash never applies an event twice or skips one.
 */
export class Neo4jSkillsGraph implements SkillsGraphReadModel {
  private constructor(
    private readonly driver: Driver,
    private readonly database: string | undefined,
    private readonly timeoutMs: number,
    private readonly clock: ReadClock = { now: () => new Date() },
  ) {}

  static async connect(connection: Neo4jConnection): Promise<Neo4jSkillsGraph> {
    const auth = connection.username ? neo4j.auth.basic(connection.username, connection.password ?? '') : undefined;
    const timeoutMs = connection.timeoutMs ?? 5_000;
    const driver = neo4j.driver(connection.uri, auth, {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 20,
      connectionTimeout: timeoutMs,
      connectionAcquisitionTimeout: timeoutMs,
      maxTransactionRetryTime: timeoutMs,
    });
    await driver.verifyConnectivity();
    const graph = new Neo4jSkillsGraph(driver, connection.database, timeoutMs, connection.clock);
    for (const statement of graphSchemaStatements) await graph.run(statement);
    await graph.run('CALL db.awaitIndexes(60)');
    // A graph projected before the level tallies existed gets them counted, a step per transaction.
    for (let done = false; !done; ) done = await graph.write(backfillLevelTalliesStep);
    return graph;
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  async applyEvents(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.executeWrite(async (tx) => {
        const checkpoint = await readCheckpoint(tx);
        const fresh = events.filter((e) => e.globalPosition > checkpoint);
        if (fresh.length === 0) return;
        await this.applyInEffectiveOrder(tx, fresh);
        await tx.run(writeCheckpointCypher, { name: checkpointName, position: Number(fresh.at(-1)!.globalPosition) });
      });
    } finally {
      await session.close();
    }
  }

  /** Applies the held changes whose effective day the clock has reached, in one transaction (the projector calls it on a timer). */
  async followTime(): Promise<void> {
    const [row] = await this.read(firstHeldDayCypher, {});
    const first = row?.['day'] as string | null | undefined;
    if (first == null || first > utcDay(this.clock.now())) return;
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.executeWrite((tx) => this.applyInEffectiveOrder(tx, []));
    } finally {
      await session.close();
    }
  }

  /** Events after the checkpoint and the held changes come due, in effective order (effective-dates.ts), with the level tallies they change. */
  private async applyInEffectiveOrder(tx: ManagedTransaction, fresh: readonly RecordedEvent[]): Promise<void> {
    const run = runIn(tx);
    const held = await readHeldChanges(run);
    const { apply, held: still } = inEffectiveOrder(held, fresh, utcDay(this.clock.now()));
    if (apply.length > 0) {
      const writeTallies = await prepareLevelTallies(run, apply);
      for (const statement of cypherForEvents(apply)) await tx.run(statement.cypher, statement.params);
      await writeTallies();
    }
    await writeHeldChanges(run, held, still);
  }

  async checkpoint(): Promise<bigint> {
    return this.bounded('reading the checkpoint', async () => {
      const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
      try {
        return await session.executeRead(readCheckpoint, { timeout: this.timeoutMs });
      } finally {
        await session.close();
      }
    });
  }

  async findEngineers(filter: EngineerFilter, page: PageRequest): Promise<Page<EngineerView>> {
    validateEngineerQuery(filter, page);
    const after = page.after === undefined ? null : decodeCursor(page.after);
    const params: Props = {
      competencyId: filter.competencyId ?? null,
      skillId: filter.skillId ?? overallSkill,
      frameworkId: filter.frameworkId ?? null,
      level: filter.level ?? null,
      minLevel: filter.levelAtLeast ?? 1,
      teamId: filter.teamId ?? null,
      withinLineOf: filter.withinLineOf ?? null,
      includeLeavers: filter.includeLeavers === true,
      afterName: after?.name ?? null,
      afterId: after?.id ?? null,
      first: neo4j.int(page.first),
      ...asOfParams(filter),
    };
    let match: string;
    const asOfMatch = filter.asOf !== undefined ? levelMatchAsOf(filter) : null;
    if (asOfMatch !== null) {
      match = asOfMatch;
    } else if (filter.competencyId !== undefined) {
      // One index seek on (competencyId, skillId, level), then one hop to the engineer.
      match = `MATCH (d:DemonstratedLevel)
WHERE d.competencyId = $competencyId AND d.skillId = $skillId
  AND ${filter.level !== undefined ? 'd.level = $level' : 'd.level >= $minLevel'}
  ${filter.frameworkId !== undefined ? 'AND d.frameworkId = $frameworkId' : ''}
MATCH (e:Engineer)-[:DEMONSTRATES]->(d)`;
    } else if (filter.skillId !== undefined) {
      match = `MATCH (d:DemonstratedLevel {skillId: $skillId})
${filter.frameworkId !== undefined ? 'WHERE d.frameworkId = $frameworkId' : ''}
MATCH (e:Engineer)-[:DEMONSTRATES]->(d)`;
    } else if (filter.teamId !== undefined) {
      match = teamMatch;
    } else {
      match = 'MATCH (e:Engineer) WHERE e.status IS NOT NULL';
    }
    const query = `${match}
WITH DISTINCT e
WHERE ${statusCondition(filter)}
  ${filter.teamId !== undefined && (filter.competencyId !== undefined || filter.skillId !== undefined) ? teamCondition : ''}
  ${filter.withinLineOf !== undefined ? 'AND (e.id = $withinLineOf OR (e)-[:REPORTS_TO*1..]->(:Engineer {id: $withinLineOf}))' : ''}
WITH e ORDER BY e.name, e.id
WITH collect(e) AS matched
WITH matched, [x IN matched WHERE $afterName IS NULL OR x.name > $afterName OR (x.name = $afterName AND x.id > $afterId)] AS rest
RETURN size(matched) AS total, rest[0..$first] AS page, size(rest) > $first AS more`;
    const [record] = await this.read(query, params);
    const items = ((record?.['page'] as unknown[]) ?? []).map((node) => toEngineer(props(node)));
    items.sort(compareEngineers);
    const last = items.at(-1);
    return { items, totalCount: Number(record?.['total'] ?? 0), endCursor: last ? encodeCursor(last) : null, hasNextPage: record?.['more'] === true };
  }

  async levelDistribution(query: LevelDistributionQuery): Promise<LevelDistributionView> {
    return neo4jLevelDistribution((cypher, params) => this.read(cypher, params), query);
  }

  async skillCoverage(query: SkillCoverageQuery): Promise<SkillCoverageView> {
    return neo4jSkillCoverage((cypher, params) => this.read(cypher, params), query);
  }

  async progression(query: ProgressionQuery): Promise<ProgressionView> {
    return neo4jProgression((cypher, params) => this.read(cypher, params), query);
  }

  async staffingSearch(query: StaffingQuery, page: PageRequest): Promise<Page<StaffingMatch>> {
    const { cypher, params } = staffingSearchCypher(query, page);
    return staffingPage(query, (await this.read(cypher, params))[0], (node) => toEngineer(props(node)));
  }

  async gapToNextLevel(asked: LevelGapQuery): Promise<LevelGapView | null> {
    const query = checkedAsOf(asked);
    const { cypher, params } = gapFactsCypher(query);
    return gapFromRow((await this.read(cypher, params))[0], query);
  }

  async promotionReadiness(asked: PromotionReadinessFilter): Promise<PromotionCandidateView[]> {
    const filter = checkedAsOf(asked);
    const version = publishedVersionCypher(filter.frameworkId);
    const framework = toPublishedFramework((await this.read(version.cypher, version.params))[0]?.['version']);
    if (framework === null) return [];
    const { cypher, params } = readinessFactsCypher(filter);
    return readinessFromRows(framework, await this.read(cypher, params), filter);
  }

  async engineersByIds(ids: readonly string[]): Promise<(EngineerView | null)[]> {
    const rows = await this.read('MATCH (e:Engineer) WHERE e.id IN $ids AND e.status IS NOT NULL RETURN e', { ids });
    const byId = new Map(rows.map((r) => [props(r['e'])['id'] as string, toEngineer(props(r['e']))]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async levelsOfEngineers(ids: readonly string[], asOf?: string): Promise<DemonstratedLevelView[][]> {
    if (asOf !== undefined) {
      const rows = await this.read(
        'MATCH (e:Engineer)-[:LEVEL_HISTORY]->(r:LevelRecord) WHERE e.id IN $ids AND r.computedAt <= $asOf RETURN r ORDER BY r.position',
        { ids, asOf },
      );
      const history = groupBy(rows.map((r) => toLevel(props(r['r']))), (l) => l.engineerId);
      return ids.map((id) => levelsAsOf(history.get(id) ?? [], asOf));
    }
    const rows = await this.read('MATCH (e:Engineer)-[:DEMONSTRATES]->(d:DemonstratedLevel) WHERE e.id IN $ids RETURN d', { ids });
    const grouped = groupBy(rows.map((r) => toLevel(props(r['d']))), (l) => l.engineerId);
    return ids.map((id) => (grouped.get(id) ?? []).sort(compareLevels));
  }

  async calibrationsOfEngineers(ids: readonly string[]): Promise<CalibratedLevelView[][]> {
    const rows = await this.read('MATCH (e:Engineer)-[:CALIBRATED]->(c:Calibration) WHERE e.id IN $ids RETURN c ORDER BY c.position', { ids });
    const grouped = groupBy(rows.map((r) => toCalibration(props(r['c']))), (c) => c.engineerId);
    return ids.map((id) => grouped.get(id) ?? []);
  }

  async evidenceOfEngineers(ids: readonly string[]): Promise<EvidenceView[][]> {
    const rows = await this.read('MATCH (e:Engineer)<-[:EVIDENCE_OF]-(ev:Evidence) WHERE e.id IN $ids RETURN ev', { ids });
    const grouped = groupBy(rows.map((r) => toEvidence(props(r['ev']))), (ev) => ev.engineerId);
    return ids.map((id) => (grouped.get(id) ?? []).sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id)));
  }

  async evidenceByIds(ids: readonly string[]): Promise<(EvidenceView | null)[]> {
    const rows = await this.read('MATCH (ev:Evidence) WHERE ev.id IN $ids AND ev.status IS NOT NULL RETURN ev', { ids });
    const byId = new Map(rows.map((r) => [props(r['ev'])['id'] as string, toEvidence(props(r['ev']))]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async behavioursByIds(ids: readonly string[]): Promise<(BehaviourView | null)[]> {
    const rows = await this.read('MATCH (b:Behaviour) WHERE b.id IN $ids AND b.text IS NOT NULL RETURN b', { ids });
    const byId = new Map(rows.map((r) => [props(r['b'])['id'] as string, toBehaviour(props(r['b']))]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async frameworks(): Promise<FrameworkSummaryView[]> {
    const rows = await this.read(
      `MATCH (f:Framework)-[:HAS_VERSION]->(v:FrameworkVersion)
WITH f, v ORDER BY v.version
WITH f, collect(v) AS versions
RETURN f.id AS id, last(versions).name AS name, last(versions).version AS latest,
       head([x IN versions WHERE x.current | x.version]) AS published
ORDER BY id`,
      {},
    );
    return rows.map((r) => ({ frameworkId: r['id'] as string, name: r['name'] as string, latestVersion: Number(r['latest']), publishedVersion: r['published'] == null ? null : Number(r['published']) }));
  }

  async frameworkVersion(frameworkId: string, version?: number): Promise<FrameworkVersionView | null> {
    const rows = await this.read('MATCH (v:FrameworkVersion {frameworkId: $frameworkId}) RETURN v ORDER BY v.version', { frameworkId });
    const versions = rows.map((r) => props(r['v']));
    const chosen =
      version !== undefined ? versions.find((v) => Number(v['version']) === version) : (versions.find((v) => v['current'] === true) ?? versions.at(-1));
    if (!chosen) return null;
    const retiredLater = new Set<string>();
    const behaviours = JSON.parse(chosen['behavioursJson'] as string) as Omit<BehaviourView, 'frameworkId' | 'current'>[];
    const current = await this.behavioursByIds(behaviours.map((b) => b.id));
    current.forEach((b) => b && !b.current && retiredLater.add(b.id));
    const changes = JSON.parse(chosen['changesJson'] as string) as FrameworkVersionView['changes'] & { moved: { id: string }[] };
    const levels = JSON.parse(chosen['levelsJson'] as string) as { level: number; name?: string; summary?: string }[];
    const competencies = JSON.parse(chosen['competenciesJson'] as string) as { id: string; name: string; description?: string }[];
    return {
      frameworkId,
      version: Number(chosen['version']),
      name: chosen['name'] as string,
      published: chosen['published'] === true,
      current: chosen['current'] === true,
      importedAt: chosen['importedAt'] as string,
      levels: levels.map((l) => ({ level: l.level, name: l.name ?? null, summary: l.summary ?? null })),
      competencies: competencies.map((c) => ({ id: c.id, name: c.name, description: c.description ?? null })),
      behaviours: behaviours.map((b) => ({ ...b, frameworkId, current: !retiredLater.has(b.id) })),
      policy: JSON.parse(chosen['policyJson'] as string) as FrameworkVersionView['policy'],
      changes: {
        added: changes.added,
        removed: changes.removed,
        // Events recorded before text changes had a kind carry none: it follows from the two texts.
        reworded: changes.reworded.map((r) => ({ id: r.id, from: r.from, to: r.to, kind: r.kind ?? textChangeKind(r.from, r.to) })),
        moved: changes.moved.map((m) => ({ id: m.id })),
      },
      warnings: (chosen['warnings'] as string[]) ?? [],
    };
  }

  async competencies(): Promise<{ id: string; name: string; description: string | null }[]> {
    const rows = await this.read('MATCH (c:Competency) RETURN c.id AS id, c.name AS name, c.description AS description ORDER BY id', {});
    return rows.map((r) => ({ id: r['id'] as string, name: r['name'] as string, description: (r['description'] as string | null) ?? null }));
  }

  async skills(): Promise<SkillView[]> {
    const rows = await this.read('MATCH (s:Skill) WHERE s.name IS NOT NULL RETURN s', {});
    return rows.map((r) => toSkill(props(r['s']))).sort((a, b) => a.name.localeCompare(b.name));
  }

  async resolveSkill(nameOrAlias: string): Promise<SkillView | null> {
    const [row] = await this.read('MATCH (:SkillName {name: $name})-[:NAMES]->(s:Skill) RETURN s', { name: normaliseSkillName(nameOrAlias) });
    return row ? toSkill(props(row['s'])) : null;
  }

  async teams(): Promise<TeamView[]> {
    const rows = await this.read('MATCH (t:Team) OPTIONAL MATCH (t)<-[:MEMBER_OF]-(e:Engineer) RETURN t, count(e) AS members', {});
    return rows.map((r) => toTeam(props(r['t']), r['members'])).sort((a, b) => a.name.localeCompare(b.name));
  }

  async teamsByIds(ids: readonly string[]): Promise<(TeamView | null)[]> {
    const rows = await this.read('MATCH (t:Team) WHERE t.id IN $ids OPTIONAL MATCH (t)<-[:MEMBER_OF]-(e:Engineer) RETURN t, count(e) AS members', { ids });
    const byId = new Map(rows.map((r) => [props(r['t'])['id'] as string, toTeam(props(r['t']), r['members'])]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Deletes every node: for tests and for a rebuild from position zero. */
  /**
   * Deletes the whole graph in small transactions: relationships first, then nodes, so no single
   * transaction has to hold a dense node's (a skill's, a project's) many relationships at once.
   */
  async clear(): Promise<void> {
    await this.run('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS');
    await this.run('MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  }

  private async read(query: string, params: Props): Promise<Props[]> {
    const result = await this.bounded('a read', () => this.driver.executeQuery(query, params, { database: this.database, routing: neo4j.routing.READ, transactionConfig: { timeout: this.timeoutMs } }));
    return result.records.map((record) => record.toObject() as Props);
  }

  /** A read as a whole within timeoutMs (the driver's own bounds plus a deadline); unreachable Neo4j becomes DependencyUnavailableError. */
  private async bounded<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      // A little past the driver's bounds, so its own, more precise error wins when it has one.
      return await withDeadline(work(), this.timeoutMs + 500, 'neo4j', what);
    } catch (error) {
      if (error instanceof DependencyUnavailableError) throw error;
      if (isNeo4jUnavailable(error)) throw new DependencyUnavailableError('neo4j', `Neo4j is unavailable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      throw error;
    }
  }

  private async write<T>(work: (run: RunCypher) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite((tx) => work(runIn(tx)));
    } finally {
      await session.close();
    }
  }

  private async run(query: string): Promise<void> {
    const session = this.driver.session({ database: this.database });
    try {
      await session.run(query);
    } finally {
      await session.close();
    }
  }
}

const runIn =
  (tx: ManagedTransaction): RunCypher =>
  async (cypher, params) =>
    (await tx.run(cypher, params)).records.map((record) => record.toObject() as Props);

async function readCheckpoint(tx: ManagedTransaction): Promise<bigint> {
  const result = await tx.run(readCheckpointCypher, { name: checkpointName });
  const position = result.records[0]?.get('position') as number | undefined;
  return BigInt(position ?? 0);
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

function toEngineer(p: Props): EngineerView {
  return {
    id: p['id'] as string,
    name: p['name'] as string,
    email: (p['email'] as string | undefined) ?? null,
    erased: p['erased'] === true,
    title: p['title'] as string,
    teamId: p['teamId'] as string,
    managerId: (p['managerId'] as string | undefined) ?? null,
    status: p['status'] as EngineerView['status'],
    joinedOn: p['joinedOn'] as string,
    ...(p['leftOn'] !== undefined && { leftOn: p['leftOn'] as string }),
  };
}

function toLevel(p: Props): DemonstratedLevelView {
  return {
    engineerId: p['engineerId'] as string,
    competencyId: p['competencyId'] as string,
    skillId: p['skillId'] === overallSkill ? null : (p['skillId'] as string),
    level: Number(p['level']),
    evidenceIds: (p['evidenceIds'] as string[]) ?? [],
    frameworkId: p['frameworkId'] as string,
    frameworkVersion: Number(p['frameworkVersion']),
    computedAt: p['computedAt'] as string,
  };
}

function toCalibration(p: Props): CalibratedLevelView {
  return {
    engineerId: p['engineerId'] as string,
    competencyId: p['competencyId'] as string,
    level: Number(p['level']),
    rationale: p['rationale'] as string,
    panel: (p['panel'] as string[]) ?? [],
    calibratedBy: p['calibratedBy'] as string,
    calibratedAt: p['calibratedAt'] as string,
  };
}

function toEvidence(p: Props): EvidenceView {
  return {
    id: p['id'] as string,
    engineerId: p['engineerId'] as string,
    kind: p['kind'] as string,
    title: p['title'] as string,
    url: (p['url'] as string | undefined) ?? null,
    date: p['date'] as string,
    projectId: (p['projectId'] as string | undefined) ?? null,
    skillIds: (p['skillIds'] as string[]) ?? [],
    behaviourIds: (p['behaviourIds'] as string[]) ?? [],
    status: p['status'] as EvidenceView['status'],
    endorserIds: (p['endorserIds'] as string[]) ?? [],
    reviewerId: (p['reviewerId'] as string | undefined) ?? null,
    rejectionReason: (p['rejectionReason'] as string | undefined) ?? null,
    submittedAt: p['submittedAt'] as string,
    approvedPeriods: approvedPeriodsOf(p['approvedFrom'] as string[] | undefined, p['approvedUntil'] as string[] | undefined),
  };
}

function toBehaviour(p: Props): BehaviourView {
  return {
    id: p['id'] as string,
    frameworkId: p['frameworkId'] as string,
    level: Number(p['level']),
    competencyId: p['competencyId'] as string,
    text: p['text'] as string,
    notes: (p['notes'] as string[]) ?? [],
    examples: (p['examples'] as string[]) ?? [],
    current: p['current'] === true,
  };
}

function toSkill(p: Props): SkillView {
  return { id: p['id'] as string, name: p['name'] as string, aliases: (p['aliases'] as string[]) ?? [] };
}

function toTeam(p: Props, members: unknown): TeamView {
  return { id: p['id'] as string, name: p['name'] as string, memberCount: Number(members) };
}

