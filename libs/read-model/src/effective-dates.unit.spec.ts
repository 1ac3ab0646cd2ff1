import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent, SkillsGraphEvent } from '@skills-graph/domain';
import { heldFromJson, heldToJson, inEffectiveOrder, utcDay, type HeldChange } from './effective-dates.js';
import { recordedEvents } from './testing/recorded-events.js';

const joined = (engineerId: string, joinedOn: string): SkillsGraphEvent => ({
  type: 'EngineerJoined',
  data: { engineerId, name: `Name ${engineerId}`, email: `${engineerId}@example.test`, title: 'Engineer', teamId: 't', teamName: 'T', managerId: null, joinedOn },
});
const moved = (engineerId: string, movedOn: string): SkillsGraphEvent => ({ type: 'EngineerMoved', data: { engineerId, teamId: 'u', teamName: 'U', managerId: null, title: 'Engineer', movedOn } });
const left = (engineerId: string, leftOn: string): SkillsGraphEvent => ({ type: 'EngineerLeft', data: { engineerId, leftOn } });
const skill: SkillsGraphEvent = { type: 'SkillRegistered', data: { skillId: 'go', name: 'Go', aliases: [] } };

/** Events recorded on the days given, one each, in this order. */
const onDays = (...pairs: [SkillsGraphEvent, string][]): RecordedEvent[] => pairs.map(([event, day], i) => recordedEvents([event], BigInt(i), `${day}T10:00:00.000Z`)[0]!);
const order = (events: RecordedEvent[]) => events.map((e) => `${e.type}@${e.globalPosition}`);

describe('effective dates: in which order a batch takes effect', () => {
  it('applies a change dated on or before the day it was recorded at once, in log order', () => {
    const events = onDays([joined('a', '2026-11-01'), '2026-11-01'], [moved('a', '2026-10-01'), '2026-11-02'], [left('a', '2026-11-03'), '2026-11-03']);
    expect(order(inEffectiveOrder([], events, null).apply)).toEqual(['EngineerJoined@1', 'EngineerMoved@2', 'EngineerLeft@3']);
  });

  it('holds a change recorded ahead of its day until the first event recorded on or after it', () => {
    const events = onDays([joined('a', '2026-12-01'), '2026-11-01'], [skill, '2026-11-30'], [skill, '2026-12-01']);
    const { apply, held } = inEffectiveOrder([], events, null);
    expect(order(apply)).toEqual(['SkillRegistered@2', 'EngineerJoined@1', 'SkillRegistered@3']);
    expect(held).toEqual([]);
  });

  it('applies held changes by day, then log position, when the clock reaches them, and keeps the rest held', () => {
    const events = onDays([left('a', '2026-12-20'), '2026-11-01'], [moved('b', '2026-12-15'), '2026-11-02'], [joined('c', '2026-12-15'), '2026-11-03'], [joined('d', '2027-01-01'), '2026-11-04']);
    const first = inEffectiveOrder([], events, '2026-11-30');
    expect(first.apply).toEqual([]);
    expect(first.held.map((h) => [h.engineerId, h.effectiveOn])).toEqual([['b', '2026-12-15'], ['c', '2026-12-15'], ['a', '2026-12-20'], ['d', '2027-01-01']]);
    const due = inEffectiveOrder(first.held, [], '2026-12-20');
    expect(order(due.apply)).toEqual(['EngineerMoved@2', 'EngineerJoined@3', 'EngineerLeft@1']);
    expect(due.held.map((h) => h.engineerId)).toEqual(['d']);
  });

  it('gives the same order whether the events come in one batch or several, with the clock moving in between or not', () => {
    const events = onDays([joined('a', '2026-12-10'), '2026-11-01'], [moved('a', '2026-12-12'), '2026-11-05'], [skill, '2026-12-11'], [left('a', '2026-12-31'), '2026-12-11'], [skill, '2026-12-13']);
    const once = inEffectiveOrder([], events, '2027-02-01').apply;
    let held: HeldChange[] = [];
    const stepwise: RecordedEvent[] = [];
    for (const [i, today] of ['2026-11-01', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13'].entries()) {
      const step = inEffectiveOrder(held, [events[i]!], today);
      stepwise.push(...step.apply);
      held = step.held;
    }
    stepwise.push(...inEffectiveOrder(held, [], '2027-02-01').apply);
    expect(order(stepwise)).toEqual(order(once));
    expect(order(once)).toEqual(['EngineerJoined@1', 'SkillRegistered@3', 'EngineerMoved@2', 'SkillRegistered@5', 'EngineerLeft@4']);
  });

  it("erases a held joiner's personal data and applies the erasure again right after they join", () => {
    const erased: SkillsGraphEvent = { type: 'EngineerErased', data: { engineerId: 'a', erasedAt: '2026-11-02T00:00:00.000Z' } };
    const { apply, held } = inEffectiveOrder([], onDays([joined('a', '2026-12-01'), '2026-11-01'], [erased, '2026-11-02']), null);
    expect(order(apply)).toEqual(['EngineerErased@2']);
    expect(held.map((h) => [h.event.type, h.effectiveOn])).toEqual([['EngineerJoined', '2026-12-01'], ['EngineerErased', '2026-12-01']]);
    expect(held[0]!.event.data).toMatchObject({ name: 'Erased engineer', email: null });
    expect(held.map(heldToJson).join()).not.toContain('a@example.test');
  });

  it('keeps a held change intact through JSON (as the Neo4j graph stores it)', () => {
    const [change] = inEffectiveOrder([], onDays([joined('a', '2026-12-01'), '2026-11-01']), null).held;
    expect(heldFromJson(heldToJson(change!))).toEqual(change);
  });
});

describe('utcDay', () => {
  it('reads the day of a UTC ISO instant from its text, as parsing it would, and parses any other form', () => {
    for (const instant of ['2026-12-01T00:00:00.000Z', '2026-12-01T23:59:59.999Z', '2026-12-01T12:00:00Z', '2026-12-01T12:00:00.123456Z']) {
      expect(utcDay(instant)).toBe(new Date(instant).toISOString().slice(0, 10));
    }
    expect(utcDay('2026-12-01T23:30:00-02:00')).toBe('2026-12-02');
    expect(utcDay(new Date('2026-12-01T23:30:00+01:00'))).toBe('2026-12-01');
  });
});
