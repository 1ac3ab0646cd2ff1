import { Injectable } from '@nestjs/common';
import type { Readiness } from '@skills-graph/gateway';

@Injectable()
export class StartupReadiness implements Readiness {
  private isReady = false;

  markReady(): void {
    this.isReady = true;
  }

  /** Service processes set it from their dependency checks (it can go back to not ready). */
  set(ready: boolean): void {
    this.isReady = ready;
  }

  ready(): boolean {
    return this.isReady;
  }
}
