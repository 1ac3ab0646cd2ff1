/**
 * What the pages keep in the URL, so a view can be shared: the overview's filters, the question box's
 * question and the staffing search's requirements. Parsing never throws: a hand-edited URL falls back to
 * the defaults field by field.
 */

export type LevelMode = 'exactly' | 'atLeast';

export interface Question {
  competency: string;
  level: number | null;
  mode: LevelMode;
  skill: string;
  team: string;
}

export interface Requirement {
  competency: string;
  skill: string;
  levelAtLeast: number;
}

export const maxRequirements = 10;

const levelOf = (value: string | null): number | null => {
  if (value === null || !/^\d{1,2}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 ? n : null;
};

export function readQuestion(params: URLSearchParams): Question {
  return {
    competency: params.get('competency') ?? '',
    level: levelOf(params.get('level')),
    mode: params.get('mode') === 'atLeast' ? 'atLeast' : 'exactly',
    skill: params.get('skill') ?? '',
    team: params.get('team') ?? '',
  };
}

/** A question can be asked once it names a competency and a level. */
export function isComplete(question: Question): question is Question & { level: number } {
  return question.competency !== '' && question.level !== null;
}

/** The engineers(filter:) argument for a question. */
export function questionFilter(question: Question & { level: number }): Record<string, unknown> {
  return {
    competency: question.competency,
    ...(question.mode === 'exactly' ? { level: question.level } : { levelAtLeast: question.level }),
    ...(question.skill && { skill: question.skill }),
    ...(question.team && { team: question.team }),
  };
}

/** `req` parameters: competency:skill:level, the skill empty for the overall level (e.g. mastery:go:4, impact::3). */
export function readRequirements(params: URLSearchParams): Requirement[] {
  const requirements: Requirement[] = [];
  for (const value of params.getAll('req').slice(0, maxRequirements)) {
    const [competency = '', skill = '', level = ''] = value.split(':');
    const levelAtLeast = levelOf(level);
    if (competency && levelAtLeast !== null) requirements.push({ competency, skill, levelAtLeast });
  }
  return requirements;
}

/** Writes a question and the staffing requirements into URL parameters (other parameters are kept). */
export function writeQuestionBox(params: URLSearchParams, question: Question | null, requirements: Requirement[] | null, staffingTeam?: string): URLSearchParams {
  const next = new URLSearchParams(params);
  if (question) {
    for (const key of ['competency', 'level', 'mode', 'skill', 'team']) next.delete(key);
    if (question.competency) next.set('competency', question.competency);
    if (question.level !== null) next.set('level', String(question.level));
    next.set('mode', question.mode);
    if (question.skill) next.set('skill', question.skill);
    if (question.team) next.set('team', question.team);
  }
  if (requirements) {
    next.delete('req');
    for (const r of requirements.slice(0, maxRequirements)) next.append('req', `${r.competency}:${r.skill}:${r.levelAtLeast}`);
    next.delete('staffTeam');
    if (staffingTeam) next.set('staffTeam', staffingTeam);
  }
  return next;
}

/** A day (YYYY-MM-DD) that is a real date; anything else is ignored. */
export function readDay(value: string | null): string {
  if (value === null || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return '';
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : '';
}

/** The asOf argument for a chosen day (the API reads a day as its end, UTC), or null (now) for today, a later day or none. */
export function asOfFor(day: string, today: string): string | null {
  return !day || day >= today ? null : day;
}

/** The last day of each quarter before `today` (YYYY-MM-DD), oldest first, at most `count`. */
export function quarterEnds(today: string, count: number): string[] {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const ends: string[] = [];
  // The quarter before the current one ends on the day before the current quarter starts.
  let y = year;
  let q = Math.floor((month - 1) / 3); // index of the current quarter, 0..3
  while (ends.length < count) {
    q -= 1;
    if (q < 0) {
      q = 3;
      y -= 1;
    }
    const end = new Date(Date.UTC(y, (q + 1) * 3, 0));
    ends.unshift(end.toISOString().slice(0, 10));
  }
  return ends;
}

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The day `years` years before `day` (YYYY-MM-DD). */
export function yearsBefore(day: string, years: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date.toISOString().slice(0, 10);
}
