import { InvalidQueryError, maxPageSize, type DemonstratedLevelView, type EngineerView, type PageRequest } from '../read-model.port.js';

/** One requirement of a staffing search: a level at least this high on a competency, within a skill or overall (skillId null). */
export interface StaffingRequirement {
  competencyId: string;
  skillId: string | null;
  levelAtLeast: number;
}

export interface StaffingQuery {
  /** Every one must be met (at most maxStaffingRequirements). */
  requirements: StaffingRequirement[];
  teamId?: string;
  /** Only this engineer and everyone below them in the reporting line (the access policy's scope). */
  withinLineOf?: string;
}

/** How an engineer meets one requirement: their highest level on it (any framework; the first framework id on a tie) and its proof. */
export interface RequirementProof extends StaffingRequirement {
  level: number;
  frameworkId: string;
  evidenceIds: string[];
}

export interface StaffingMatch {
  engineer: EngineerView;
  /** The sum over the requirements of (level - levelAtLeast): how far above the ask the engineer is. */
  margin: number;
  /** One per requirement, in the order asked. */
  proofs: RequirementProof[];
}

export const maxStaffingRequirements = 10;

/** Checks a staffing search before any adapter runs it. */
export function validateStaffingQuery(query: StaffingQuery, page: PageRequest): void {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > maxPageSize) throw new InvalidQueryError(`first must be between 1 and ${maxPageSize}`, 'first');
  if (query.requirements.length < 1 || query.requirements.length > maxStaffingRequirements) {
    throw new InvalidQueryError(`give between 1 and ${maxStaffingRequirements} requirements`, 'requirements');
  }
  query.requirements.forEach((r, i) => {
    if (!Number.isInteger(r.levelAtLeast) || r.levelAtLeast < 1) throw new InvalidQueryError('levelAtLeast must be a positive integer', `requirements.${i}.levelAtLeast`);
  });
  if (page.after !== undefined) decodeStaffingCursor(page.after);
}

/** Matches are ordered by margin (highest first), then name, then id; a cursor is the last (margin, name, id) seen. */
type Ranked = { margin: number; engineer: Pick<EngineerView, 'name' | 'id'> };

export function compareStaffingMatches(a: Ranked, b: Ranked): number {
  if (a.margin !== b.margin) return b.margin - a.margin;
  const x = a.engineer;
  const y = b.engineer;
  return x.name < y.name ? -1 : x.name > y.name ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

export function encodeStaffingCursor(match: Ranked): string {
  return Buffer.from(JSON.stringify([match.margin, match.engineer.name, match.engineer.id])).toString('base64url');
}

export function decodeStaffingCursor(cursor: string): { margin: number; name: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3) {
      const [margin, name, id] = value as unknown[];
      if (Number.isInteger(margin) && typeof name === 'string' && typeof id === 'string') return { margin: margin as number, name, id };
    }
  } catch {
    // fall through
  }
  throw new InvalidQueryError('after is not a cursor this API returned', 'after');
}

/** The engineer's proof of one requirement from their current levels, or null when they do not meet it. */
export function proofOf(levels: Iterable<DemonstratedLevelView>, requirement: StaffingRequirement): RequirementProof | null {
  let best: DemonstratedLevelView | null = null;
  for (const l of levels) {
    if (l.competencyId !== requirement.competencyId || l.skillId !== requirement.skillId || l.level < requirement.levelAtLeast) continue;
    if (best === null || l.level > best.level || (l.level === best.level && l.frameworkId < best.frameworkId)) best = l;
  }
  return best === null ? null : { ...requirement, level: best.level, frameworkId: best.frameworkId, evidenceIds: [...best.evidenceIds] };
}
