import { setFlagsFromString } from 'node:v8';

/**
 * How V8 compiles the embedded database (PGlite: PostgreSQL as WebAssembly), set before it is first opened
 * (PGLITE_OPTIMISING_COMPILER). By default only with Liftoff, V8's baseline WebAssembly compiler: measured by
 * `npm run bench`, the process then holds about 80 MB less after an empty start and opens its database about
 * 1.5 s sooner, because TurboFan no longer recompiles PostgreSQL's hot functions beside the baseline code;
 * single appends and reads run at the same speed, large batched appends about 20% slower. With `optimising`
 * V8 tiers hot functions up as usual. The flag is process-wide and affects WebAssembly only, never JavaScript.
 */
export function compileEmbeddedDatabase(optimising: boolean): void {
  setFlagsFromString(optimising ? '--no-liftoff-only' : '--liftoff-only');
}
