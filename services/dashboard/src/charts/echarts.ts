// ECharts, with only the parts the dashboard draws (tree-shaken): bars and lines, on SVG. (The overview's
// heatmap is a coloured table, no chart.)
// Imported only through load-echarts.ts (a dynamic import), never statically: it is most of the dashboard's
// JavaScript, and the app must be running, its first GraphQL requests out, while the browser compiles it.
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { init, use as registerEchartsParts, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

registerEchartsParts([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export { init, type ECharts };
