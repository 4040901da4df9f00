// region pricing NAME [--currency C] [--cpu-hour N] [--mem-gib-hour N] [--disk-gib-hour N] [--clear]
// Sets, changes or clears the price list `pvectl cost` uses; with no price flag it shows it.
// Every value is checked before the config file is opened; --dry-run prints what would be saved.
import type { Context } from '../../context.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { knownRegionsHint, openStore, type RegionStore } from '../../config/store.js';
import type { Pricing, Region } from '../../config/types.js';
import { parseCurrency, parsePrice } from '../../lib/money.js';
import { printObject } from '../../output/print.js';
import type { Column, ObjectView } from '../../output/types.js';

export interface PricingOptions {
  name: string;
  /** as typed; checked here */
  currency?: string;
  cpuHour?: string;
  memGibHour?: string;
  diskGibHour?: string;
  clear?: boolean;
}

export const DEFAULT_CURRENCY = 'EUR';

export async function run(ctx: Context, opts: PricingOptions): Promise<void> {
  const changes = priceChanges(opts);
  if (opts.clear && Object.keys(changes).length > 0) {
    throw new UsageError('--clear removes the price list; it cannot be combined with --currency or a price');
  }
  const store = await openStore(ctx.env, { warn: (m) => ctx.warn(m) });
  const region = store.get(opts.name);
  if (!region) {
    throw new NotFoundError(`Region "${opts.name}" is not configured.`, {
      hint: knownRegionsHint(store.list().map((r) => r.name)),
    });
  }

  if (opts.clear) {
    if (!region.pricing) return ctx.info(`Region "${region.name}" has no price list; nothing to clear.`);
    if (ctx.globals.dryRun)
      return ctx.info(`Dry run: the price list of region "${region.name}" would be removed; nothing was saved.`);
    save(store, region, undefined);
    return ctx.info(`Price list of region "${region.name}" removed.`);
  }

  if (Object.keys(changes).length === 0) {
    if (!region.pricing)
      ctx.info(`Region "${region.name}" has no price list. Set one with: ${pricingCommand(region.name)}`);
    return printObject(ctx, pricingView(region.name, region.pricing));
  }

  const pricing: Pricing = { currency: DEFAULT_CURRENCY, ...region.pricing, ...changes };
  if (pricing.cpuHour === undefined && pricing.memGiBHour === undefined && pricing.diskGiBHour === undefined) {
    throw new UsageError(
      `Region "${region.name}" has no prices yet: give at least one of --cpu-hour, --mem-gib-hour, --disk-gib-hour.`,
    );
  }
  await printObject(ctx, pricingView(region.name, pricing));
  if (ctx.globals.dryRun) return ctx.info('Dry run: nothing was saved.');
  save(store, region, pricing);
  ctx.info(`Price list of region "${region.name}" saved${region.pricing ? '' : ` (currency ${pricing.currency})`}.`);
}

/** The command that sets a price list, for hints (also `pvectl cost`'s). */
export function pricingCommand(name: string): string {
  return `pvectl region pricing ${name} --cpu-hour N --mem-gib-hour N --disk-gib-hour N --currency EUR`;
}

function priceChanges(opts: PricingOptions): Partial<Pricing> {
  const out: Partial<Pricing> = {};
  if (opts.currency !== undefined) out.currency = parseCurrency('--currency')(opts.currency);
  if (opts.cpuHour !== undefined) out.cpuHour = parsePrice('--cpu-hour')(opts.cpuHour);
  if (opts.memGibHour !== undefined) out.memGiBHour = parsePrice('--mem-gib-hour')(opts.memGibHour);
  if (opts.diskGibHour !== undefined) out.diskGiBHour = parsePrice('--disk-gib-hour')(opts.diskGibHour);
  return out;
}

/** Only the price list changes, in the entry as it is now (another process may have edited it). */
function save(store: RegionStore, region: Region, pricing: Pricing | undefined): void {
  store.update((data) => {
    const entry = data.regions?.[region.name];
    if (!entry) throw new NotFoundError(`Region "${region.name}" was removed meanwhile; nothing was saved.`);
    if (pricing) entry.pricing = pricing;
    else delete entry.pricing;
  });
}

interface PricingValue {
  region: string;
  currency: string | null;
  cpuHour: number | null;
  memGiBHour: number | null;
  diskGiBHour: number | null;
}

function pricingView(region: string, p: Pricing | undefined): ObjectView<PricingValue> {
  const value: PricingValue = {
    region,
    currency: p?.currency ?? null,
    cpuHour: p?.cpuHour ?? null,
    memGiBHour: p?.memGiBHour ?? null,
    diskGiBHour: p?.diskGiBHour ?? null,
  };
  const fields: Column<PricingValue>[] = [
    { id: 'region', header: 'Region', value: (v) => v.region },
    { id: 'currency', header: 'Currency', value: (v) => v.currency },
    { id: 'cpuhour', header: 'Per vCPU-hour', value: (v) => v.cpuHour, kind: 'number' },
    { id: 'memgibhour', header: 'Per GiB memory-hour', value: (v) => v.memGiBHour, kind: 'number' },
    { id: 'diskgibhour', header: 'Per GiB disk-hour', value: (v) => v.diskGiBHour, kind: 'number' },
  ];
  return { value, fields, id: (v) => v.region };
}
