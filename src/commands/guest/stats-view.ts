// What vm/ct/node stats print: on table formats one line per metric with last, min, average, max
// and a sparkline of the period; json/yaml carry the raw points as Proxmox sent them.
import type { Context } from '../../context.js';
import type { Obj } from '../../api/shape.js';
import { num } from '../../lib/values.js';
import { summarize, sparkline } from '../../lib/sparkline.js';
import { formatBytes, formatFraction } from '../../output/humanize.js';
import { printList } from '../../output/print.js';
import type { Column } from '../../output/types.js';

export interface Metric {
  id: string;
  label: string;
  /** the point's field */
  field: string;
  unit: 'fraction' | 'bytes' | 'rate';
}

export interface MetricRow {
  metric: string;
  last: string;
  min: string;
  avg: string;
  max: string;
  trend: string;
}

const SPARK_WIDTH = 35;

export function formatValue(unit: Metric['unit'], v: number): string {
  if (unit === 'fraction') return formatFraction(v);
  if (unit === 'bytes') return formatBytes(v);
  return `${formatBytes(v)}/s`;
}

export function metricRows(metrics: Metric[], points: Obj[], width = SPARK_WIDTH): MetricRow[] {
  return metrics.map((m) => {
    const values = points.map((p) => num(p[m.field]) ?? null);
    const s = summarize(values);
    const f = (v: number | undefined) => (v === undefined ? '-' : formatValue(m.unit, v));
    return {
      metric: m.label,
      last: f(s?.last),
      min: f(s?.min),
      avg: f(s?.avg),
      max: f(s?.max),
      trend: sparkline(values, width),
    };
  });
}

export async function printStats(
  ctx: Context,
  what: Record<string, unknown>,
  since: string,
  metrics: Metric[],
  points: Obj[],
): Promise<void> {
  const columns: Column<MetricRow>[] = [
    { id: 'metric', header: 'METRIC', value: (r) => r.metric },
    { id: 'last', header: 'LAST', value: (r) => r.last, align: 'right' },
    { id: 'min', header: 'MIN', value: (r) => r.min, align: 'right' },
    { id: 'avg', header: 'AVG', value: (r) => r.avg, align: 'right' },
    { id: 'max', header: 'MAX', value: (r) => r.max, align: 'right' },
    { id: 'trend', header: `LAST ${since.toUpperCase()}`, value: (r) => r.trend },
  ];
  if (ctx.globals.output === 'json' || ctx.globals.output === 'yaml') {
    const value = { ...what, timeframe: since, points };
    if (ctx.globals.output === 'json') ctx.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else ctx.io.stdout.write(await (await import('../../output/yaml.js')).renderYaml(value));
    return;
  }
  await printList(ctx, { rows: metricRows(metrics, points), columns, id: (r) => r.metric });
}
