import { describe, expect, it } from '@jest/globals';
import { asOfFor, isComplete, maxRequirements, quarterEnds, questionFilter, readDay, readQuestion, readRequirements, writeQuestionBox, yearsBefore } from './url-state';

describe('the question box in the URL', () => {
  it('reads back the question it wrote, so a shared address asks the same question', () => {
    const params = writeQuestionBox(new URLSearchParams('tab=1'), { competency: 'mastery', level: 5, mode: 'exactly', skill: 'go', team: '' }, null);
    expect(params.toString()).toBe('tab=1&competency=mastery&level=5&mode=exactly&skill=go');
    const question = readQuestion(params);
    expect(question).toEqual({ competency: 'mastery', level: 5, mode: 'exactly', skill: 'go', team: '' });
    expect(isComplete(question) && questionFilter(question)).toEqual({ competency: 'mastery', level: 5, skill: 'go' });
  });

  it('asks for "at least" with levelAtLeast and narrows to a team when one is chosen', () => {
    const question = readQuestion(new URLSearchParams('competency=impact&level=4&mode=atLeast&team=team-ledger'));
    expect(isComplete(question) && questionFilter(question)).toEqual({ competency: 'impact', levelAtLeast: 4, team: 'team-ledger' });
  });

  it('falls back field by field on a hand-edited address', () => {
    expect(readQuestion(new URLSearchParams('competency=mastery&level=five&mode=sideways'))).toEqual({ competency: 'mastery', level: null, mode: 'exactly', skill: '', team: '' });
    expect(readQuestion(new URLSearchParams('level=0')).level).toBeNull();
    expect(isComplete(readQuestion(new URLSearchParams('level=3')))).toBe(false);
  });

  it('keeps staffing requirements as competency:skill:level, an empty skill for the overall level, at most ten', () => {
    const params = writeQuestionBox(new URLSearchParams('competency=mastery&level=5'), null, [
      { competency: 'mastery', skill: 'go', levelAtLeast: 4 },
      { competency: 'impact', skill: '', levelAtLeast: 3 },
    ], 'team-ledger');
    expect(params.getAll('req')).toEqual(['mastery:go:4', 'impact::3']);
    expect(params.get('staffTeam')).toBe('team-ledger');
    expect(params.get('competency')).toBe('mastery');
    expect(readRequirements(params)).toEqual([
      { competency: 'mastery', skill: 'go', levelAtLeast: 4 },
      { competency: 'impact', skill: '', levelAtLeast: 3 },
    ]);
    const many = new URLSearchParams(Array.from({ length: 14 }, (_, i) => ['req', `c${i}::2`]));
    expect(readRequirements(many)).toHaveLength(maxRequirements);
    expect(readRequirements(new URLSearchParams('req=mastery:go:x&req=:go:3&req=impact::2'))).toEqual([{ competency: 'impact', skill: '', levelAtLeast: 2 }]);
  });
});

describe('dates', () => {
  it('accepts only real days', () => {
    expect(readDay('2025-06-30')).toBe('2025-06-30');
    expect(readDay('2025-02-30')).toBe('');
    expect(readDay('30/06/2025')).toBe('');
    expect(readDay(null)).toBe('');
  });

  it('asks as of a past day, and as of now for today, a later day or none', () => {
    expect(asOfFor('2025-06-30', '2026-12-02')).toBe('2025-06-30');
    expect(asOfFor('2026-12-02', '2026-12-02')).toBeNull();
    expect(asOfFor('2027-01-01', '2026-12-02')).toBeNull();
    expect(asOfFor('', '2026-12-02')).toBeNull();
  });

  it('lists the ends of the quarters before today, oldest first', () => {
    expect(quarterEnds('2026-12-02', 3)).toEqual(['2026-03-31', '2026-06-30', '2026-09-30']);
    expect(quarterEnds('2026-01-15', 2)).toEqual(['2025-09-30', '2025-12-31']);
    expect(quarterEnds('2024-03-31', 1)).toEqual(['2023-12-31']);
  });

  it('goes back whole years', () => {
    expect(yearsBefore('2026-12-02', 2)).toBe('2024-12-02');
  });
});
