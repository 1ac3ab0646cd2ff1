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
