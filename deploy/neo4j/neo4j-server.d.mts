// Types for neo4j-server.mjs, so TypeScript tests can import it:
//   import { startNeo4j } from '../../../deploy/neo4j/neo4j-server.mjs';

export interface StartNeo4jOptions {
  /** Bolt port on 127.0.0.1. Default (or 0): a free port. */
  port?: number;
  /** Persistent Neo4j home (data + logs), never deleted. Default: a fresh temp dir removed by stop(). */
  dataDir?: string;
  /** Server output: a per-line callback, a writable stream, or a file path. Default: neo4j.log in the temp run dir. */
  log?: ((line: string) => void) | NodeJS.WritableStream | string;
  /** Start timeout in ms. Default 120000. */
  timeoutMs?: number;
  /** JVM max heap, e.g. '512m' (default). */
  heap?: string;
  /** Neo4j page cache, e.g. '128m' (default). */
  pageCache?: string;
  /** 'serial' (default): smallest footprint. 'parallel': ParallelGC, whole heap committed, for sustained write load. */
  gc?: 'serial' | 'parallel';
}

export interface Neo4jServer {
  /** e.g. 'bolt://127.0.0.1:41234' */
  uri: string;
  /** Auth is disabled on the server; these are accepted but not checked. */
  username: string;
  password: string;
  auth: 'none';
  port: number;
  dataDir: string;
  /** The log file, when output goes to a file (the default). */
  logFile: string | undefined;
  /** Neo4j version, e.g. '5.26.30'. */
  version: string | undefined;
  /** PID of the java process. */
  pid: number;
  /** SIGTERM, wait (SIGKILL after 15 s), remove the temp dir. Idempotent. */
  stop(): Promise<void>;
}

export function startNeo4j(options?: StartNeo4jOptions): Promise<Neo4jServer>;

export interface PreparedRuntime {
  dir: string;
  hash: string;
  /** true when this call did the fetch/compile, false when the cache was already valid */
  prepared: boolean;
  classpath: string;
}

export function prepareNeo4j(options?: { log?: (line: string) => void }): Promise<PreparedRuntime>;
