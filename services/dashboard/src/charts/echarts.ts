// ECharts, with only the parts the dashboard draws (tree-shaken): bars, heatmaps and lines, on SVG.
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

/** One colour per level, L1 light to L6 dark (viridis: ordered, and readable with colour-blindness). */
export const levelColours = ['#fde725', '#7ad151', '#22a884', '#2a788e', '#414487', '#440154', '#26001f', '#100010'];
export const levelColour = (level: number) => levelColours[Math.max(0, Math.min(levelColours.length - 1, level - 1))]!;
