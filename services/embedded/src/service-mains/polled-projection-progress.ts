import type { ProjectionProgress, SkillsGraphReadModel } from '@skills-graph/read-model';

/**
 * Read-your-writes for a gateway whose projector runs in another process: the read model's own
 * checkpoint, asked every `pollMs` while a request waits for a position, and every `refreshMs` in the
 * background (what the gateway's caches key on: a skill registered a moment ago is found).
 */
export class PolledProjectionProgress implements ProjectionProgress {
  private applied = 0n;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly readModel: SkillsGraphReadModel,
    private readonly pollMs = 50,
    refreshMs = 250,
  ) {
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), refreshMs);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async refresh(): Promise<void> {
    const checkpoint = await this.readModel.checkpoint();
    if (checkpoint > this.applied) this.applied = checkpoint;
  }

  appliedPosition(): bigint {
    return this.applied;
  }

  async waitForPosition(position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.applied >= position) return true;
      try {
        await this.refresh();
      } catch {
        // The graph did not answer: the request goes on without waiting further.
        return false;
      }
      if (this.applied >= position) return true;
      if (Date.now() + this.pollMs > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }
}
