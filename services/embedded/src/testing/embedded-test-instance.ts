import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig, type SkillsGraphConfig } from '@skills-graph/config';
import { startEmbeddedSkillsGraph, type RunningSkillsGraph } from '../embedded-app.js';
import type { EmbeddedOptions } from '../embedded-infrastructure.module.js';

export interface GraphqlResponse<T = Record<string, any>> {
  data?: T;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

/** An embedded Skills Graph on a free port and a temporary data folder, for end-to-end tests. */
export class EmbeddedTestInstance {
  readonly config: SkillsGraphConfig;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'sg-e2e-'));
  private current: RunningSkillsGraph | undefined;

  constructor(
    env: Record<string, string> = {},
    private readonly options: EmbeddedOptions = {},
  ) {
    this.config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: this.dataDir, LOG_LEVEL: 'silent', ...env });
  }

  get running(): RunningSkillsGraph {
    if (!this.current) throw new Error('start() the instance first');
    return this.current;
  }

  async start(): Promise<RunningSkillsGraph> {
    this.current = await startEmbeddedSkillsGraph(this.config, pino({ level: 'silent' }), this.options);
    return this.current;
  }

  /** Stops and starts again on the same data folder. */
  async restart(): Promise<RunningSkillsGraph> {
    await this.current?.close();
    return this.start();
  }

  async gql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphqlResponse<T>> {
    const response = await fetch(`${this.running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlResponse<T>;
  }

  async dispose(): Promise<void> {
    await this.current?.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
