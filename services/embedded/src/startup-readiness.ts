import { Injectable } from '@nestjs/common';
import type { Readiness } from '@skills-graph/gateway';

/**
 * Ready = started (start-up and the first catch-up are done: markReady) and healthy (every dependency
 * and consumer checked up, kept by the host from its background probes: set). It goes back to not ready
 * while a dependency is down, and comes back by itself.
 */
@Injectable()
export class StartupReadiness implements Readiness {
  private isStarted = false;
  private isHealthy = true;
  private why: string | undefined;

  markReady(): void {
    this.isStarted = true;
  }

  /** From the host's dependency checks (it can go back to not ready); `reason` names what is down. */
  set(ready: boolean, reason?: string): void {
    this.isHealthy = ready;
    this.why = ready ? undefined : reason;
  }

  started(): boolean {
    return this.isStarted;
  }

  ready(): boolean {
    return this.isStarted && this.isHealthy;
  }

  reason(): string | undefined {
    if (!this.isStarted) return 'starting';
    return this.isHealthy ? undefined : (this.why ?? 'a dependency is down');
  }
}
