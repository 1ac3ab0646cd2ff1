/**
 * Where services read the time. Injected (token CLOCK) so tests can move time: levels that follow time are
 * recomputed when evidence leaves its recency window, and a test must be able to get there without waiting.
 */
export interface Clock {
  now(): Date;
  /** Calls the listener whenever time jumps (a test moving a manual clock); the system clock never does. */
  onJump?(listener: () => void): void;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move: for tests and simulations. */
export class ManualClock implements Clock {
  private current: number;
  private readonly listeners: (() => void)[] = [];

  constructor(start: string | Date) {
    this.current = new Date(start).getTime();
    if (Number.isNaN(this.current)) throw new Error(`ManualClock: not an instant: ${String(start)}`);
  }

  now(): Date {
    return new Date(this.current);
  }

  onJump(listener: () => void): void {
    this.listeners.push(listener);
  }

  set(to: string | Date): void {
    const next = new Date(to).getTime();
    if (Number.isNaN(next)) throw new Error(`ManualClock: not an instant: ${String(to)}`);
    this.current = next;
    this.listeners.forEach((listener) => listener());
  }

  advance(ms: number): void {
    this.set(new Date(this.current + ms));
  }
}
