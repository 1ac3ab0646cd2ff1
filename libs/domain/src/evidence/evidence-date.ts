import { DomainError } from '../decider.js';

/**
 * Which days evidence may be dated. The date is the calendar day the work happened, YYYY-MM-DD.
 * - Not in the future: the latest day accepted is the calendar day it already is somewhere on earth when the
 *   evidence is submitted or amended, that is the UTC day of that instant plus 14 hours (UTC+14 is the
 *   earliest time zone). So an engineer anywhere may date work "today" in their own time zone.
 * - Not before `earliestEvidenceDate` (a floor that catches typos such as 0202 for 2022).
 */
export const earliestEvidenceDate = '2000-01-01';
export const evidenceDateToleranceHours = 14;

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** The latest evidence date accepted at `at` (an ISO instant). */
export function latestEvidenceDate(at: string): string {
  return new Date(Date.parse(at) + evidenceDateToleranceHours * 3_600_000).toISOString().slice(0, 10);
}

/** Refuses a date that is malformed, before the floor or in the future as seen at `at`; the error names `date`. */
export function checkEvidenceDate(date: string, at: string): void {
  if (!isoDay.test(date) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    throw new DomainError('VALIDATION_FAILED', `Evidence date '${date}' is not a calendar date as YYYY-MM-DD`, 'date');
  }
  if (date < earliestEvidenceDate) {
    throw new DomainError('VALIDATION_FAILED', `Evidence cannot be dated before ${earliestEvidenceDate} (got ${date})`, 'date');
  }
  const latest = latestEvidenceDate(at);
  if (date > latest) {
    throw new DomainError('VALIDATION_FAILED', `Evidence cannot be dated in the future: ${date} is after ${latest}, today's date in the earliest time zone`, 'date');
  }
}
