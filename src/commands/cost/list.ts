// pvectl cost: what each guest costs per hour and per month under its region's price list (set
// with `region pricing`). One /cluster/resources call per priced region, regions in parallel;
// a region without prices is a warning and is not asked at all.
import type { Context } from '../../context.js';
import { listGuests } from '../../api/guests.js';
import type { Region } from '../../config/types.js';
import { UsageError } from '../../errors.js';
import { parseSort, sortRows } from '../../lib/sort-by.js';
import { checkColumns, selectColumns } from '../../output/columns.js';
import { printList, renderList } from '../../output/print.js';
import type { ListView } from '../../output/types.js';
import { fanOut } from '../fan-out.js';
import { matches } from '../guest/targets.js';
import { pricingCommand } from '../region/pricing.js';
import { COST_SORT_FIELDS, costColumns, jsonOf, totalLines, type CostLine } from './columns.js';
import { costRow, totals, type CostRow } from './price.js';

export interface CostOptions {
  tags: string[];
  pool?: string;
  node?: string;
  type?: 'vm' | 'ct';
  sort?: string;
}

export async function run(ctx: Context, opts: CostOptions): Promise<void> {
  // every bad value is refused before any request
  const sort = opts.sort ? parseSort(opts.sort, COST_SORT_FIELDS) : undefined;
  const regions = await ctx.regions();
  const columns = costColumns(regions.length > 1, ctx.globals.output === 'tsv');
  checkColumns(ctx, columns);
  const priced = regions.filter((r) => r.pricing);
  if (priced.length === 0) throw noPricing(regions);
  for (const r of regions.filter((x) => !x.pricing)) {
    ctx.warn(
      `region "${r.name}" has no price list, so its guests are left out. Set one with: ${pricingCommand(r.name)}`,
    );
  }

  const kind = opts.type === 'vm' ? 'qemu' : opts.type === 'ct' ? 'lxc' : undefined;
  const pricing = new Map(priced.map((r) => [r.name, r.pricing!]));
  const guests = await fanOut(ctx, priced, (client) => listGuests(client, kind));
  let rows = guests
    .filter((g) => !g.template && matches(g, opts))
    .map((g) => costRow(g, pricing.get(g.region)!))
    .sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : a.vmid - b.vmid));
  if (sort) rows = sortRows(rows, (r) => r[sort.field as keyof CostRow], sort.descending);

  const unknown = rows.filter((r) => r.hourly === null).length;
  if (unknown > 0) {
    ctx.warn(
      `${unknown} ${unknown === 1 ? 'guest is' : 'guests are'} on an offline node: size and state unknown, ` +
        `so is the cost (left out of the total)`,
    );
  }
  const filtered = opts.tags.length > 0 || opts.pool || opts.node || opts.type;
  const view: ListView<CostLine> = {
    rows,
    columns,
    id: (l) => (l as CostRow).vmid,
    json: (l) => jsonOf(l as CostRow),
    empty: filtered ? 'No guests match.' : 'No guests found (an API token sees only guests it has VM.Audit on).',
  };
  const { output, headers } = ctx.globals;
  // The TOTAL lines are table chrome, like the header: not in data formats, nor with --no-headers.
  if (rows.length === 0 || !headers || (output !== 'table' && output !== 'wide')) return printList(ctx, view);
  const first = selectColumns(ctx, columns)[0]?.id ?? '';
  const out = await renderList(ctx, { ...view, rows: [...rows, ...totalLines(totals(rows), first)] });
  ctx.io.stdout.write(out.replace(/ +$/gm, '')); // a TOTAL line ending in blank cells
}

function noPricing(regions: Region[]): UsageError {
  const message =
    regions.length === 1
      ? `Region "${regions[0]!.name}" has no price list, so pvectl cannot say what its guests cost.`
      : `None of the regions ${regions.map((r) => `"${r.name}"`).join(', ')} has a price list, so pvectl ` +
        `cannot say what guests cost.`;
  const envOnly = regions.length === 1 && regions[0]!.name === 'env';
  return new UsageError(message, {
    hint: envOnly
      ? 'The region comes from PVECTL_URL and PVECTL_TOKEN; prices live with a configured region. ' +
        `Add it with 'pvectl region add NAME …', then: ${pricingCommand('NAME')} (and pass --region NAME).`
      : `Set one with: ${regions.map((r) => pricingCommand(r.name)).join('\n  or: ')}`,
  });
}
