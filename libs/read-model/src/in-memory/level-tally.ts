/**
 * Current levels counted as the projection applies them, so the directors' aggregates read a few counts
 * instead of every engineer's records. A dimension is what a level is of:
 *
 *   `c:${competencyId}|${skillId ?? ''}`  the highest level across frameworks in that competency and skill
 *   `s:${skillId}`                        the highest level in the skill across competencies and frameworks
 *
 * Each active engineer is counted once per dimension, under their team and under their manager, at their
 * level (level 0 is not counted). Engineers who left are kept with their levels but counted nowhere.
 */

/** One team's or manager's engineers in a dimension: how many, and who, at each level (index = level; index 0 unused). */
export interface TallyGroup {
  /** The team's or manager's id ('' for no manager). */
  readonly groupId: string;
  /** A small number standing for the group id, the same in every dimension (for bucketing answers by group in an array). */
  readonly ordinal: number;
  readonly counts: readonly number[];
  readonly ids: readonly (ReadonlySet<string> | undefined)[];
  /** How many are at or above each level (index = level). */
  readonly atLeast: readonly number[];
  /** Engineers counted in the group at any level. */
  readonly total: number;
}

/** group id (team or manager; '' for no manager) → its counts */
export type TallyGroups = ReadonlyMap<string, TallyGroup>;

interface MutableGroup {
  groupId: string;
  ordinal: number;
  counts: number[];
  atLeast: number[];
  ids: (Set<string> | undefined)[];
  total: number;
}

interface Placement {
  teamId: string;
  managerId: string | null;
}

type Groups = Map<string, MutableGroup>;

export const competencyDimension = (competencyId: string, skillId: string | null): string => `c:${competencyId}|${skillId ?? ''}`;
export const skillDimension = (skillId: string): string => `s:${skillId}`;

export class LevelTally {
  private readonly byTeam = new Map<string, Groups>();
  private readonly byManager = new Map<string, Groups>();
  /** engineer → dimension → level (> 0) */
  private readonly held = new Map<string, Map<string, number>>();
  /** Where each active engineer is counted; absent while not active. */
  private readonly placed = new Map<string, Placement>();
  /** group id → its ordinal (teams and managers share the numbering) */
  private readonly ordinals = new Map<string, number>();
  private readonly ordinalOf = (groupId: string): number => {
    let ordinal = this.ordinals.get(groupId);
    if (ordinal === undefined) this.ordinals.set(groupId, (ordinal = this.ordinals.size));
    return ordinal;
  };

  /** Sets an engineer's level in a dimension (0: none). */
  setLevel(engineerId: string, dimension: string, level: number): void {
    let own = this.held.get(engineerId);
    const before = own?.get(dimension) ?? 0;
    if (before === level) return;
    const at = this.placed.get(engineerId);
    if (at && before > 0) this.count(dimension, at, before, engineerId, -1);
    if (level > 0) {
      if (!own) this.held.set(engineerId, (own = new Map()));
      own.set(dimension, level);
      if (at) this.count(dimension, at, level, engineerId, +1);
    } else own?.delete(dimension);
  }

  /** Where an engineer is counted now: their team and manager while active; null when they left. */
  place(engineerId: string, placement: Placement | null): void {
    const before = this.placed.get(engineerId);
    if (before && placement && before.teamId === placement.teamId && before.managerId === placement.managerId) return;
    const own = this.held.get(engineerId);
    if (before) for (const [dimension, level] of own ?? []) this.count(dimension, before, level, engineerId, -1);
    if (placement) {
      const at = { teamId: placement.teamId, managerId: placement.managerId };
      this.placed.set(engineerId, at);
      for (const [dimension, level] of own ?? []) this.count(dimension, at, level, engineerId, +1);
    } else this.placed.delete(engineerId);
  }

  /** An active engineer's level in a dimension; 0 when they hold none or are not active. */
  levelOf(engineerId: string, dimension: string): number {
    return this.placed.has(engineerId) ? (this.held.get(engineerId)?.get(dimension) ?? 0) : 0;
  }

  /** Active engineers per team, per level, in a dimension. */
  teams(dimension: string): TallyGroups {
    return this.byTeam.get(dimension) ?? empty;
  }

  /** Active engineers per manager ('' for none), per level, in a dimension. */
  managers(dimension: string): TallyGroups {
    return this.byManager.get(dimension) ?? empty;
  }

  private count(dimension: string, at: Placement, level: number, engineerId: string, delta: 1 | -1): void {
    adjust(this.byTeam, this.ordinalOf, dimension, at.teamId, level, engineerId, delta);
    adjust(this.byManager, this.ordinalOf, dimension, at.managerId ?? '', level, engineerId, delta);
  }
}

const empty: TallyGroups = new Map();

function adjust(index: Map<string, Groups>, ordinalOf: (groupId: string) => number, dimension: string, groupId: string, level: number, engineerId: string, delta: 1 | -1): void {
  let groups = index.get(dimension);
  if (!groups) index.set(dimension, (groups = new Map()));
  let group = groups.get(groupId);
  if (!group) groups.set(groupId, (group = { groupId, ordinal: ordinalOf(groupId), counts: [], atLeast: [], ids: [], total: 0 }));
  while (group.counts.length <= level) {
    group.counts.push(0);
    group.atLeast.push(0);
    group.ids.push(undefined);
  }
  const ids = (group.ids[level] ??= new Set());
  if (delta > 0 ? ids.has(engineerId) : !ids.has(engineerId)) return;
  if (delta > 0) ids.add(engineerId);
  else ids.delete(engineerId);
  group.counts[level]! += delta;
  for (let l = 0; l <= level; l++) group.atLeast[l]! += delta;
  group.total += delta;
  if (group.total === 0) groups.delete(groupId);
}
