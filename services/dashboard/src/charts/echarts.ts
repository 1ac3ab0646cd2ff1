// ECharts, with only the parts the dashboard draws (tree-shaken): bars, heatmaps and lines, on SVG.
// Imported only through load-echarts.ts (a dynamic import), never statically: it is most of the dashboard's
// JavaScript, and the app must be running, its first GraphQL requests out, while the browser compiles it.
import { BarChart, HeatmapChart, LineChart, type BarSeriesOption, type HeatmapSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import { init, use as registerEchartsParts, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

registerEchartsParts([BarChart, HeatmapChart, LineChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | HeatmapSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | VisualMapComponentOption
>;

export { init, type ECharts };

/**
 * Draws one small chart of each kind off screen and throws it away, so that the first real chart is drawn by
 * code the browser has already compiled. Meant for the time the first page waits for the API's answer.
 */
export function warmUpCharts(): void {
  const el = document.createElement('div');
  el.style.cssText = 'position:absolute;left:-10000px;top:0;width:320px;height:240px';
  el.setAttribute('aria-hidden', 'true');
  document.body.appendChild(el);
  try {
    const chart = init(el, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      tooltip: {},
      legend: {},
      grid: { left: 8, right: 8, top: 24, bottom: 24 },
      xAxis: { type: 'category', data: ['a', 'b'] },
      yAxis: { type: 'category', data: ['x', 'y'] },
      visualMap: { min: 0, max: 2, show: false },
      series: [
        { type: 'heatmap', data: [[0, 0, 1], [1, 1, 2]], label: { show: true } },
        { type: 'bar', data: [1, 2], stack: 's', label: { show: true } },
        { type: 'line', data: [1, 2], areaStyle: {} },
      ],
    } satisfies ChartOption);
    chart.dispose();
  } finally {
    el.remove();
  }
}
