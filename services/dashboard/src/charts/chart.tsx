import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ChartOption, ECharts } from './echarts';
import { loadEcharts } from './load-echarts';

/** Gives the chart its option whole and marks the element drawn (tests and the benchmark wait for the mark). */
function draw(instance: ECharts, el: HTMLElement, option: ChartOption): void {
  instance.setOption({ animation: false, ...option }, { notMerge: true });
  el.setAttribute('data-rendered', String(Date.now()));
}

export interface ChartProps {
  option: ChartOption;
  /** What the chart shows, for screen readers (the figure's table has the numbers). */
  label: string;
  height?: number;
  /** Called with the clicked item's data index and series index. */
  onItemClick?: (item: { dataIndex: number; seriesIndex: number; name: string }) => void;
  name: string;
}

/**
 * A thin React wrapper around an ECharts instance: created once per element, given each new option whole,
 * resized with its container, disposed with the component.
 */
export function Chart({ option, label, height = 320, onItemClick, name }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const clicked = useRef(onItemClick);
  clicked.current = onItemClick;

  const shown = useRef(option);
  shown.current = option;
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const el = element.current!;
    let disposed = false;
    let observer: ResizeObserver | undefined;
    // The library arrives on first need (load-echarts.ts); the latest option is drawn as soon as it has.
    loadEcharts().then(
      ({ init }) => {
        if (disposed) return;
        const instance = init(el, undefined, { renderer: 'svg' });
        chart.current = instance;
        instance.on('click', (params) => {
          const p = params as { dataIndex?: number; seriesIndex?: number; name?: string };
          clicked.current?.({ dataIndex: p.dataIndex ?? 0, seriesIndex: p.seriesIndex ?? 0, name: p.name ?? '' });
        });
        draw(instance, el, shown.current);
        // Drawn again only when the box really changed size (the observer also reports the size it starts with).
        let size = `${el.clientWidth}x${el.clientHeight}`;
        observer = new ResizeObserver(() => {
          const now = `${el.clientWidth}x${el.clientHeight}`;
          if (now === size) return;
          size = now;
          instance.resize();
        });
        observer.observe(el);
      },
      () => {
        if (!disposed) setFailed(true);
      },
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (instance && element.current) draw(instance, element.current, option);
  }, [option]);

  if (failed) {
    return (
      <div className="chart state error" role="alert" data-chart={name} style={{ height }}>
        The chart could not be loaded (is the network down?): the numbers are below, under “The numbers”. Reload the page to try again.
      </div>
    );
  }
  return <div ref={element} className="chart" role="img" aria-label={label} data-chart={name} style={{ height }} />;
}

/** A chart with its title and the same numbers as a table (for keyboards, screen readers and copying). */
export function ChartFigure({ title, description, chart, table, id }: { title: string; description?: ReactNode; chart: ReactNode; table: ReactNode; id: string }) {
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-figure={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {description && <p className="hint">{description}</p>}
      {chart}
      <details className="numbers">
        <summary>The numbers</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`${title}: the numbers`}>
          {table}
        </div>
      </details>
    </section>
  );
}
