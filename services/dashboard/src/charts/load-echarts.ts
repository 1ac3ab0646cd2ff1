import type * as Echarts from './echarts';

let loading: Promise<typeof Echarts> | undefined;

/**
 * The charting library, fetched and compiled once, on first need. main.tsx asks for it as soon as the app
 * starts, so it loads while the first page's GraphQL requests are in flight instead of before the app can run.
 */
export function loadEcharts(): Promise<typeof Echarts> {
  loading ??= import('./echarts');
  return loading;
}
