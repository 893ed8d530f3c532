import type { ToolReport } from './tally.js';
import { percentile } from './stats.js';

/** Above this many calls a tool's dots are this many evenly spaced quantiles, not every answer. */
export const MAX_DOTS_PER_TOOL = 200;

/** The dots of one tool: every answer, or MAX_DOTS_PER_TOOL evenly spaced quantiles of them. */
export function dotsOf(tokens: readonly number[]): number[] {
  if (tokens.length <= MAX_DOTS_PER_TOOL) return [...tokens];
  return Array.from({ length: MAX_DOTS_PER_TOOL }, (_, i) => percentile(tokens, (100 * (i + 1)) / MAX_DOTS_PER_TOOL));
}

const label = (t: ToolReport) => `${t.tool}\n${t.calls} ${t.calls === 1 ? 'call' : 'calls'}`;

/**
 * A Vega-Lite spec: one row per tool with its answers as dots above a box (p25 to p75, the p50 in
 * white, the p95 in orange, whiskers from min to max) and the budget as a dashed red rule, on one
 * shared token axis.
 */
export function chartSpec(tools: readonly ToolReport[], budget: number): Record<string, unknown> {
  const values: Record<string, unknown>[] = [];
  for (const t of tools) {
    const row = t.tool;
    dotsOf(t.tokens).forEach((tokens, i) => values.push({ row, kind: 'dot', tokens, jitter: 0.55 + 0.4 * ((i * 0.618_034) % 1) }));
    values.push({
      row,
      kind: 'box',
      label: label(t),
      min: t.tokens[0],
      p25: percentile(t.tokens, 25),
      p50: t.p50,
      p75: percentile(t.tokens, 75),
      p95: t.p95,
      max: t.max,
    });
  }
  // Room to the right of the budget line, so it never sits on the frame.
  const top = Math.max(budget, ...tools.map((t) => t.max)) * 1.08;
  const x = (field: string) => ({ field, type: 'quantitative', scale: { domain: [0, top], nice: true }, title: 'tokens per answer' });
  const y = (datum: number) => ({ datum, type: 'quantitative', scale: { domain: [0, 1] }, axis: null });
  const boxes = { filter: "datum.kind === 'box'" };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Tokens per answer, by tool',
      subtitle: [
        `dots: the answers (${MAX_DOTS_PER_TOOL} evenly spaced quantiles for a tool with more calls)`,
        'box: p25 to p75, white line: p50, orange line and number: p95, whiskers: min to max',
        `red dashed line: the response budget, ${budget} tokens`,
      ],
      anchor: 'start',
      offset: 12,
    },
    data: { values },
    facet: {
      row: {
        field: 'row',
        type: 'nominal',
        sort: tools.map((t) => t.tool),
        // The tool's name is a text mark left of each row instead: header labels are placed by an
        // estimate of their width (there is no canvas to measure text), and land off to the left.
        header: { title: null, labels: false },
      },
    },
    spec: {
      width: 560,
      height: 56,
      layer: [
        {
          name: 'dots',
          transform: [{ filter: "datum.kind === 'dot'" }],
          mark: { type: 'circle', size: 18, opacity: 0.45, color: '#4c78a8' },
          encoding: { x: x('tokens'), y: { field: 'jitter', type: 'quantitative', scale: { domain: [0, 1] }, axis: null } },
        },
        { name: 'whisker', transform: [boxes], mark: { type: 'rule', color: '#555' }, encoding: { x: x('min'), x2: { field: 'max' }, y: y(0.25) } },
        { name: 'box', transform: [boxes], mark: { type: 'rect', color: '#9ecae9', stroke: '#4c78a8' }, encoding: { x: x('p25'), x2: { field: 'p75' }, y: y(0.08), y2: { datum: 0.42 } } },
        { name: 'median', transform: [boxes], mark: { type: 'rule', color: 'white', strokeWidth: 2 }, encoding: { x: x('p50'), y: y(0.08), y2: { datum: 0.42 } } },
        { name: 'p95', transform: [boxes], mark: { type: 'rule', color: '#f58518', strokeWidth: 3 }, encoding: { x: x('p95'), y: y(0.02), y2: { datum: 0.48 } } },
        { name: 'budget', transform: [boxes], mark: { type: 'rule', color: '#d62728', strokeDash: [5, 3], strokeWidth: 1.5 }, encoding: { x: { datum: budget, type: 'quantitative' }, y: y(0), y2: { datum: 1 } } },
        {
          name: 'p95_label',
          transform: [boxes],
          mark: { type: 'text', color: '#b35806', align: 'left', baseline: 'bottom', dx: 4, dy: -2, fontSize: 10 },
          encoding: { text: { field: 'p95', format: 'd' }, x: x('p95'), y: y(0.02) },
        },
        {
          name: 'tool',
          transform: [boxes],
          mark: { type: 'text', align: 'right', baseline: 'middle', lineBreak: '\n', fontSize: 12, lineHeight: 16, dx: -10 },
          encoding: { text: { field: 'label' }, x: { value: 0 }, y: y(0.5) },
        },
        {
          name: 'budget_label',
          transform: [boxes],
          mark: { type: 'text', text: 'budget', color: '#d62728', align: 'left', baseline: 'top', dx: 3, fontSize: 10 },
          encoding: { x: { datum: budget, type: 'quantitative' }, y: y(1) },
        },
      ],
    },
    config: { view: { stroke: '#ddd' }, axis: { labelFontSize: 11, titleFontSize: 12 }, title: { fontSize: 15, subtitleFontSize: 11, subtitleColor: '#444' } },
  };
}

/** Renders the chart to SVG in this process: Vega-Lite compiled to Vega, drawn without a browser or canvas. */
export async function renderChartSvg(tools: readonly ToolReport[], budget: number): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(chartSpec(tools, budget) as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
