/**
 * The shape of one framework version: levels, competencies, behaviours and the level policy.
 * Everything here is plain data so it can travel inside events unchanged.
 */

export interface LevelDefinition {
  level: number;
  name?: string;
  summary?: string;
}

export interface CompetencyDefinition {
  /** Stable slug, e.g. `mastery`, `communication-feedback`. */
  id: string;
  name: string;
  description?: string;
}

export interface BehaviourDefinition {
  /** Stable across framework editions while the behaviour is unchanged, reworded or moved. */
  id: string;
  level: number;
  competencyId: string;
  text: string;
  notes: string[];
  examples: string[];
}

/**
 * How approved evidence turns into a demonstrated level. Versioned with the framework.
 * - coverageShare: share (0..1] of a level's behaviours in a competency that approved evidence must cover.
 * - minimumEvidence: distinct approved evidence items needed at each level that has behaviours.
 * - recencyWindowDays: only evidence dated within this many days of the assessment date counts; null = all.
 */
export interface LevelPolicy {
  coverageShare: number;
  minimumEvidence: number;
  recencyWindowDays: number | null;
}

export const defaultLevelPolicy: LevelPolicy = {
  coverageShare: 0.5,
  minimumEvidence: 1,
  recencyWindowDays: null,
};

export interface FrameworkContent {
  name: string;
  levels: LevelDefinition[];
  competencies: CompetencyDefinition[];
  behaviours: BehaviourDefinition[];
  policy: LevelPolicy;
}

/** A behaviour as an importer reads it: the id is optional and assigned when the version is created. */
export type DraftBehaviour = Omit<BehaviourDefinition, 'id'> & { id?: string };

/** What every importer produces, whatever the file format. */
export interface FrameworkDraft {
  name: string;
  levels: LevelDefinition[];
  competencies: CompetencyDefinition[];
  behaviours: DraftBehaviour[];
  policy?: LevelPolicy;
}

/** The reference framework's five competencies, in display order. */
export const standardCompetencies: CompetencyDefinition[] = [
  { id: 'mastery', name: 'Mastery' },
  { id: 'impact', name: 'Impact' },
  { id: 'influence', name: 'Influence' },
  { id: 'communication-feedback', name: 'Communication & Feedback' },
  { id: 'leadership', name: 'Leadership' },
];

/**
 * How a competency or framework name is shown, whatever format it came from: emoji (pictographs, their
 * variation selectors and joiners, keycaps, flags) are dropped and runs of whitespace become one space,
 * trimmed. `🛠  Mastery ` → `Mastery`. A name that is only emoji is kept as it was (trimmed).
 */
export function normaliseDisplayName(name: string): string {
  const stripped = name
    .replace(/[\p{Extended_Pictographic}\p{Regional_Indicator}\uFE0E\uFE0F\u200D\u20E3]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return stripped || name.trim();
}

/** `Communication & Feedback` → `communication-feedback`. */
export function competencySlug(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/&/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
