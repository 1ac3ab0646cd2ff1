import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '../testing/decider-specification.js';
import { earliestEvidenceDate, latestEvidenceDate } from './evidence-date.js';
import { evidenceDecider, type EvidenceContext, type EvidenceEvent, type SubmitEvidence } from './evidence.decider.js';

const spec = deciderSpecification(evidenceDecider);
const context: EvidenceContext = { frameworkId: 'demo', knownBehaviourIds: new Set(['mastery-3-a']), knownSkillIds: new Set(['go']), engineerActive: true };

const submitDated = (date: string, submittedAt: string): SubmitEvidence => ({
  type: 'SubmitEvidence',
  data: {
    evidenceId: 'ev-1',
    engineerId: 'eng-1',
    kind: 'pull-request',
    title: 'Idempotent ledger consumer',
    url: null,
    date,
    projectId: null,
    skillIds: ['go'],
    behaviourIds: ['mastery-3-a'],
    actor: { id: 'eng-1', relation: 'self' },
    context,
    submittedAt,
  },
});

const submittedOn = (date: string): EvidenceEvent => ({
  type: 'EvidenceSubmitted',
  data: {
    evidenceId: 'ev-1',
    engineerId: 'eng-1',
    kind: 'pull-request',
    title: 'Idempotent ledger consumer',
    url: null,
    date,
    projectId: null,
    skillIds: ['go'],
    behaviourIds: ['mastery-3-a'],
    frameworkId: 'demo',
    submittedBy: 'eng-1',
    submittedAt: `${date}T12:00:00.000Z`,
  },
});

describe('evidence dates', () => {
  it('the latest date accepted is the day it already is in the earliest time zone (UTC+14)', () => {
    expect(latestEvidenceDate('2026-12-02T09:59:59.999Z')).toBe('2026-12-02');
    expect(latestEvidenceDate('2026-12-02T10:00:00.000Z')).toBe('2026-12-03');
    expect(latestEvidenceDate('2026-12-31T23:00:00.000Z')).toBe('2027-01-01');
  });

  it('accepts evidence dated today, and tomorrow once tomorrow has begun somewhere', () => {
    const today = submittedOn('2026-12-02');
    spec.given([]).when(submitDated('2026-12-02', '2026-12-02T08:00:00.000Z')).then([{ type: 'EvidenceSubmitted', data: { ...(today.data as Extract<EvidenceEvent, { type: 'EvidenceSubmitted' }>['data']), submittedAt: '2026-12-02T08:00:00.000Z' } }]);
    expect(evidenceDecider.decide(submitDated('2026-12-03', '2026-12-02T10:00:00.000Z'), evidenceDecider.initialState())).toHaveLength(1);
  });

  it('refuses evidence dated in the future, naming the date', () => {
    spec.given([]).when(submitDated('2026-12-03', '2026-12-02T09:59:00.000Z')).thenThrows('VALIDATION_FAILED', /future/, 'date');
    spec.given([]).when(submitDated('2030-01-01', '2026-12-02T09:00:00.000Z')).thenThrows('VALIDATION_FAILED', /future/, 'date');
  });

  it(`refuses evidence dated before ${earliestEvidenceDate}, and dates that are not on the calendar`, () => {
    spec.given([]).when(submitDated('1999-12-31', '2026-12-02T09:00:00.000Z')).thenThrows('VALIDATION_FAILED', /before 2000-01-01/, 'date');
    expect(evidenceDecider.decide(submitDated(earliestEvidenceDate, '2026-12-02T09:00:00.000Z'), evidenceDecider.initialState())).toHaveLength(1);
    spec.given([]).when(submitDated('2026-02-30', '2026-12-02T09:00:00.000Z')).thenThrows('VALIDATION_FAILED', /calendar date/, 'date');
  });

  it('refuses an amendment that moves the date into the future', () => {
    spec
      .given([submittedOn('2026-11-20')])
      .when({ type: 'AmendEvidence', data: { evidenceId: 'ev-1', actor: { id: 'eng-1', relation: 'self' }, changes: { date: '2027-01-01' }, context, amendedAt: '2026-12-02T09:00:00.000Z' } })
      .thenThrows('VALIDATION_FAILED', /future/, 'date');
  });
});
