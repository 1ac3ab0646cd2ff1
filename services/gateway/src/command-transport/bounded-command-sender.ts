import type { Command } from '@nestjs/cqrs';
import { DependencyUnavailableError, withDeadline } from '@skills-graph/config';
import type { CommandSender } from '@skills-graph/contracts';
import { asDependencyUnavailable } from '../errors/dependency-errors.js';
import type { DependencyStatus } from '../health/dependency-status.js';

/**
 * Every command the gateway sends, bounded (docs/errors.md): refused at once with UNAVAILABLE while a
 * dependency it needs is known to be down (nothing is sent, nothing changes); otherwise answered within
 * `timeoutMs`, or UNAVAILABLE naming the transport's dependency. After a timeout the command may still be
 * applied: the client retries with the same id or idempotencyKey, which changes nothing the second time.
 */
export class BoundedCommandSender implements CommandSender {
  constructor(
    private readonly inner: CommandSender,
    private readonly options: { timeoutMs: number; transport: 'kafka' | 'event-store'; status?: DependencyStatus | undefined },
  ) {}

  async send<R>(command: Command<R>): Promise<R> {
    const down = this.options.status?.unavailableForMutations() ?? [];
    if (down.length > 0) {
      const first = down[0]!;
      throw new DependencyUnavailableError(first.dependency, `${first.dependency} is unavailable (${first.detail}); nothing was changed: try again later`);
    }
    const sent = this.inner.send(command).catch((error: unknown) => {
      throw asDependencyUnavailable(error) ?? error;
    });
    try {
      return await withDeadline(sent, this.options.timeoutMs, this.options.transport, 'the command');
    } catch (error) {
      if (error instanceof DependencyUnavailableError && !(error.cause instanceof Error) && /did not answer the command within/.test(error.message)) {
        sent.catch(() => undefined); // answered too late: nobody waits for it any more
        throw new DependencyUnavailableError(error.dependency, `${error.message}; it may still be applied: retry with the same id or idempotencyKey`);
      }
      throw error;
    }
  }
}
