import { Injectable } from '@nestjs/common';
import type { Readiness } from '@skills-graph/gateway';

@Injectable()
export class StartupReadiness implements Readiness {
  private isReady = false;

  markReady(): void {
    this.isReady = true;
  }

  ready(): boolean {
    return this.isReady;
  }
}
