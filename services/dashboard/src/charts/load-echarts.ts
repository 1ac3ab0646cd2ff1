import type * as Echarts from './echarts';

let loading: Promise<typeof Echarts> | undefined;

/**
 * The charting library, run once, on first need. index.html preloads its files (vite.config.mjs), so the browser
 * fetches and compiles them from the start; running it waits until a page needs a chart, which the overview
 * asks for once its GraphQL requests are out, so the library starts while the server counts, not before the
 * app has sent anything.
 */
export function loadEcharts(): Promise<typeof Echarts> {
  loading ??= import('./echarts');
  return loading;
}
