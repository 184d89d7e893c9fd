import * as echarts from 'echarts';
import { esc } from './html';
import type { Tone } from './posture';

/**
 * Bar charts drawn by Apache ECharts' server-side SVG renderer at report-generation
 * time: the page gets plain SVG (no script, no network). Accessibility: every chart
 * carries ECharts' ARIA description (role="img" with a spoken summary), decal
 * patterns so colour is never the only carrier of a category, each bar's category
 * and value as text, and the page shows the same numbers as a table next to it.
 */
export interface Bar {
  label: string;
  value: number;
  /** Text after the bar, e.g. "12 (40%)". */
  valueText: string;
  tone: Tone;
}

const TONES: Record<Tone, { color: string; decal: Record<string, unknown> }> = {
  good: { color: '#2e7d32', decal: { symbol: 'none' } },
  bad: {
    color: '#c62828',
    decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: -Math.PI / 4 },
  },
  warn: {
    color: '#ef8f00',
    decal: { symbol: 'circle', symbolSize: 0.5, dashArrayX: [[4, 4]], dashArrayY: [4, 2] },
  },
  neutral: { color: '#3b6fd8', decal: { symbol: 'none' } },
  unknown: {
    color: '#8a94a3',
    decal: { symbol: 'rect', dashArrayX: [[2, 4]], dashArrayY: [2, 4] },
  },
};

export const CHART_FONT = 12;
/** Upper bound of a character's width in the chart font (sans-serif, digits and capitals). */
const CHAR_W = 0.64;
export const BAR_BAND = 26;
const MAX_LABEL = 44;

export const truncate = (s: string, n = MAX_LABEL) =>
  [...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s;

let chartSeq = 0;

/** A horizontal bar chart as an SVG string; `title` becomes its accessible name. */
export function barChart(title: string, bars: Bar[], opts: { width?: number } = {}): string {
  const labels = bars.map((b) => truncate(b.label));
  const longestLabel = Math.max(1, ...labels.map((l) => [...l].length));
  const longestValue = Math.max(1, ...bars.map((b) => [...b.valueText].length));
  const left = Math.ceil(longestLabel * CHART_FONT * CHAR_W) + 16;
  const right = Math.ceil(longestValue * CHART_FONT * CHAR_W) + 16;
  const width = Math.max(opts.width ?? 640, left + right + 160);
  const height = bars.length * BAR_BAND + 16;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const summary = bars.map((b, i) => `${labels[i]}: ${b.valueText}`).join('; ');
  try {
    chart.setOption({
      animation: false,
      aria: {
        enabled: true,
        decal: { show: true },
      },
      textStyle: { fontFamily: 'Arial, Helvetica, sans-serif', fontSize: CHART_FONT },
      grid: { left, right, top: 8, bottom: 8, containLabel: false },
      xAxis: { type: 'value', show: false, max: Math.max(1, ...bars.map((b) => b.value)) },
      yAxis: {
        type: 'category',
        inverse: true,
        data: labels,
        axisTick: { show: false },
        axisLine: { lineStyle: { color: '#9aa5b1' } },
        axisLabel: { color: '#1c2430', fontSize: CHART_FONT, interval: 0 },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          data: bars.map((b) => ({
            value: b.value,
            itemStyle: { color: TONES[b.tone].color, decal: TONES[b.tone].decal },
            label: {
              show: true,
              position: 'right',
              formatter: b.valueText,
              color: '#1c2430',
              fontSize: CHART_FONT,
            },
          })),
        },
      ],
    } as echarts.EChartsOption);
    const svg = chart.renderToSVGString();
    // ECharts numbers its pattern and class ids per renderer instance (zr0-…); give each
    // chart its own prefix so several charts in one page never share an id.
    const prefix = `ch${chartSeq++}-`;
    // In server-side rendering ECharts applies the decals but has no DOM container to put
    // its ARIA label on: the SVG gets role, accessible name and description here.
    const description = `${title}. ${summary}.`;
    return svg
      .replace(/\bzr\d+-/g, prefix)
      .replace(
        /<svg ([^>]*)>/,
        `<svg class="chart" data-chart-title="${esc(title)}" role="img" aria-label="${esc(description)}" $1><title>${esc(description)}</title>`,
      );
  } finally {
    chart.dispose();
  }
}
