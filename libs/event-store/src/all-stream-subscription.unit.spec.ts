import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@skills-graph/domain';
import { AllStreamSubscriptions } from './all-stream-subscription.js';
import type { ReadAllOptions } from './event-store.port.js';

/**
 * A log whose newest event is committed (the head says so) but not readable for the first few reads, as
 * when the SQL stores wait for an older transaction elsewhere on the server, which sends no wake-up.
 */
function logHoldingBackItsHead(unreadableReads: number) {
  const event = { id: 'e-1', globalPosition: 1n } as RecordedEvent;
  let reads = 0;
  return {
    get reads() {
      return reads;
    },
    async readAll(options: ReadAllOptions = {}) {
      reads += 1;
      return reads <= unreadableReads || (options.after ?? 0n) >= 1n ? [] : [event];
    },
    async headPosition() {
      return 1n;
    },
  };
}

describe('a subscription behind the head of the log', () => {
  it('Given a committed event not readable yet and no wake-up to come, When the subscription is idle, Then it looks again soon (not after its poll interval) and delivers it', async () => {
    const log = logHoldingBackItsHead(3);
    const subscriptions = new AllStreamSubscriptions(log, 600_000);
    const seen: bigint[] = [];
    const subscription = subscriptions.subscribe({ after: 0n, onEvents: async (events) => void seen.push(...events.map((e) => e.globalPosition)) });

    await subscription.caughtUp();
    await subscriptions.stopAll();

    expect(seen).toEqual([1n]);
    expect(log.reads).toBe(4);
  }, 30_000);
});

describe('a subscription to a store that commits one transaction at a time', () => {
  it('Given every committed event readable at once, When a page comes back short, Then it sleeps until woken without asking for the head, and reads what the wake announced', async () => {
    const events: RecordedEvent[] = [{ id: 'e-1', globalPosition: 1n } as RecordedEvent];
    let headQueries = 0;
    const log = {
      async readAll(options: ReadAllOptions = {}) {
        return events.filter((e) => e.globalPosition > (options.after ?? 0n));
      },
      async headPosition() {
        headQueries += 1;
        return events.at(-1)!.globalPosition;
      },
    };
    const subscriptions = new AllStreamSubscriptions(log, 600_000, false);
    const seen: bigint[] = [];
    const subscription = subscriptions.subscribe({ after: 0n, onEvents: async (page) => void seen.push(...page.map((e) => e.globalPosition)) });
    await subscription.caughtUp();
    const afterCatchUp = headQueries; // caughtUp() itself asks once

    events.push({ id: 'e-2', globalPosition: 2n } as RecordedEvent);
    subscriptions.wakeAll();
    await subscription.caughtUp();
    await subscriptions.stopAll();

    expect(seen).toEqual([1n, 2n]);
    expect(afterCatchUp).toBe(1);
    expect(headQueries).toBe(2); // the two caughtUp() calls, none from the subscription's loop
  }, 30_000);
});
