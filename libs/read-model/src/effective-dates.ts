import type { RecordedEvent } from '@skills-graph/domain';
import { erasedEngineer } from './evidence-view-changes.js';

/**
 * Effective dates of joiners, movers and leavers (docs/people.md).
 *
 * HR often records a change ahead of the day it takes effect: a joiner who starts next month, a move from
 * the first of the quarter, a leaver at the end of their notice. The events carry that day (`joinedOn`,
 * `movedOn`, `leftOn`); both read models hold a change recorded before its day and apply it on that day:
 *
 * - a change whose day is after the UTC day it was recorded (`recordedAt`) is **held**;
 * - held changes are applied in the order (effective day, global position): before the first later event
 *   recorded on or after their day, or when the read clock reaches their day (`followTime`);
 * - a change dated on or before its recording day applies at once, as before.
 *
 * The log stays as it is and nothing else appends on the day, so a rebuild from the log at any later time
 * applies the same changes in the same order as the live graph did: where a held change lands among later
 * events depends only on their recording days, and only the changes still held at the end of the log
 * depend on the clock.
 */

/** A change held until its effective day. */
export interface HeldChange {
  engineerId: string;
  /** YYYY-MM-DD */
  effectiveOn: string;
  event: RecordedEvent;
}

/** A clock the read model reads "today" from (the services' CLOCK fits). */
export interface ReadClock {
  now(): Date;
}

const utcIso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** The UTC day of an instant, YYYY-MM-DD. */
export function utcDay(instant: string | Date): string {
  // An ISO instant in UTC (as the stores record it) already starts with its day: no Date to parse per event.
  if (typeof instant === 'string' && utcIso.test(instant)) return instant.slice(0, 10);
  return new Date(instant).toISOString().slice(0, 10);
}

/** The effective day of a joiner, mover or leaver; null for every other event. */
export function effectiveOn(event: Pick<RecordedEvent, 'type' | 'data'>): string | null {
  const data = event.data as { joinedOn?: string; movedOn?: string; leftOn?: string };
  switch (event.type) {
    case 'EngineerJoined':
      return data.joinedOn ?? null;
    case 'EngineerMoved':
      return data.movedOn ?? null;
    case 'EngineerLeft':
      return data.leftOn ?? null;
    default:
      return null;
  }
}

/** Held changes in the order they take effect: by effective day, then by global position. */
export function compareHeld(a: HeldChange, b: HeldChange): number {
  if (a.effectiveOn !== b.effectiveOn) return a.effectiveOn < b.effectiveOn ? -1 : 1;
  return a.event.globalPosition < b.event.globalPosition ? -1 : a.event.globalPosition > b.event.globalPosition ? 1 : 0;
}

export interface EffectiveOrder {
  /** The events to apply now, in this order (held changes that came due among them). */
  apply: RecordedEvent[];
  /** The changes still held afterwards, in the order they will take effect. */
  held: HeldChange[];
}

/**
 * What a batch of events changes, and when: the held changes that come due before each event (by its
 * recording day) are applied before it; a joiner, mover or leaver dated after its recording day is held;
 * at the end, held changes due by `today` (the read clock's UTC day; null: none) are applied too.
 * An erasure also erases the personal data of the engineer's held changes, and is applied again right
 * after a held joiner of theirs, so the engineer still reads as erased once they join.
 */
export function inEffectiveOrder(held: readonly HeldChange[], events: readonly RecordedEvent[], today: string | null): EffectiveOrder {
  const pending = [...held].sort(compareHeld);
  const apply: RecordedEvent[] = [];
  const release = (day: string) => {
    while (pending.length > 0 && pending[0]!.effectiveOn <= day) apply.push(pending.shift()!.event);
  };
  const hold = (change: HeldChange) => {
    const at = pending.findIndex((p) => compareHeld(change, p) < 0);
    pending.splice(at < 0 ? pending.length : at, 0, change);
  };
  for (const event of events) {
    const day = utcDay(event.recordedAt);
    release(day);
    const on = effectiveOn(event);
    const engineerId = (event.data as { engineerId?: string }).engineerId ?? '';
    if (on !== null && on > day) {
      hold({ engineerId, effectiveOn: on, event });
      continue;
    }
    if (event.type === 'EngineerErased') {
      const joiners = pending.filter((p) => p.engineerId === engineerId && p.event.type === 'EngineerJoined');
      for (const p of joiners) {
        pending[pending.indexOf(p)] = { ...p, event: { ...p.event, data: { ...(p.event.data as object), name: erasedEngineer.name, email: erasedEngineer.email } } };
        hold({ engineerId, effectiveOn: p.effectiveOn, event });
      }
    }
    apply.push(event);
  }
  if (today !== null) release(today);
  return { apply, held: pending };
}

/** Whether any held change is due by `today`. */
export function anyDue(held: readonly HeldChange[], today: string): boolean {
  return held.some((h) => h.effectiveOn <= today);
}

/** A held change as JSON (positions and revisions as strings), for a graph that stores it. */
export function heldToJson(change: HeldChange): string {
  return JSON.stringify(change, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
}

export function heldFromJson(json: string): HeldChange {
  const parsed = JSON.parse(json) as HeldChange & { event: RecordedEvent & { globalPosition: string; streamRevision: string } };
  const big = (value: unknown) => BigInt(String(value).replace(/n$/, ''));
  return { ...parsed, event: { ...parsed.event, globalPosition: big(parsed.event.globalPosition), streamRevision: big(parsed.event.streamRevision) } };
}
