/** Creating firms (initial population and entrants), exit, and the industry membership index (docs/ODD.md §5, §7.8). */
import { type Rng, beta, normal, randInt } from '../rng.js';
import { N_CONFIGS } from './domains.js';
import { resetFirm } from './firmState.js';
import { type World, setDepth } from './world.js';

/** Firm size: log-normal around the median, redrawn until inside [sizeMin, sizeMax], rounded. */
function drawEmployees(w: World, rng: Rng): number {
  const fs = w.s.firms;
  for (let k = 0; k < 1000; k++) {
    const e = Math.round(fs.sizeMedian * Math.exp(fs.sizeLogSd * normal(rng)));
    if (e >= fs.sizeMin && e <= fs.sizeMax) return e;
  }
  return Math.min(fs.sizeMax, Math.max(fs.sizeMin, Math.round(fs.sizeMedian)));
}

/**
 * Fill slot i with a new firm in `industry`: every field back to its initial value (FIRM_FIELDS), then
 * random configuration, LO and depth from the initial distributions, a firm-specific integration cost and
 * a main supplier from its region; no portfolio ties. The draws come in this order, from `rng`.
 */
export function placeFirm(
  w: World,
  i: number,
  industry: number,
  rng: Rng,
  entrant: boolean,
  t: number,
): void {
  const f = w.firms;
  const fs = w.s.firms;
  resetFirm(f, i);
  const sector = industry % w.nSectors;
  const region = (industry / w.nSectors) | 0;
  f.id[i] = w.nextFirmId++;
  f.sector[i] = sector;
  f.region[i] = region;
  f.industry[i] = industry;
  f.employees[i] = drawEmployees(w, rng);
  f.capacityBase[i] =
    w.s.portfolio.capacityBase + w.s.portfolio.capacityPerLogEmployees * Math.log(f.employees[i]!);
  f.age[i] = entrant ? 0 : fs.initialAgeMin + randInt(rng, fs.initialAgeMax - fs.initialAgeMin + 1);
  f.config[i] = randInt(rng, N_CONFIGS);
  f.lo[i] = beta(rng, fs.loAlpha, fs.loBeta);
  setDepth(w, i, beta(rng, fs.depthAlpha, fs.depthBeta));
  f.integrationCost[i] = w.s.sli.integrationCostMedian * Math.exp(w.s.sli.integrationCostLogSd * normal(rng));
  f.capital[i] = (entrant ? fs.entrantCapitalPerEmployee : fs.initialCapitalPerEmployee) * f.employees[i]!;
  f.revenue[i] = w.s.market.demandPerEmployee * f.employees[i]!;
  const suppliers = w.orgs.byRegionType[region]![0]!.filter((o) => w.orgs.activeFrom[o]! <= t);
  f.supplier[i] = suppliers[randInt(rng, suppliers.length)]!;
  f.dyad[i] = w.orgs.config[f.supplier[i]! * w.nSectors + sector]!;
}

/** Draw the regional industry of an entrant in proportion to the initial population. */
export function drawIndustry(w: World, rng: Rng): number {
  const u = rng() * w.industryCdf[w.nIndustries - 1]!;
  let lo = 0;
  let hi = w.nIndustries - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (w.industryCdf[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Firms with negative capital exit; an entrant takes each freed slot. Everyone ages a quarter. */
export function exitAndEntry(w: World, t: number): void {
  const f = w.firms;
  for (let i = 0; i < f.n; i++) {
    f.age[i]!++;
    if (f.capital[i]! >= 0) continue;
    w.exitLog.push({
      tick: t,
      firmId: f.id[i]!,
      sector: f.sector[i]!,
      region: f.region[i]!,
      employees: f.employees[i]!,
      ageQuarters: f.age[i]!,
      lo: f.lo[i]!,
      depth: f.depth[i]!,
    });
    w.counters.exits++;
    w.counters.entries++;
    placeFirm(w, i, drawIndustry(w, w.rng.firms), w.rng.firms, true, t);
  }
}

/** Rebuild the index of firm slots by regional industry (counting sort; slot order within an industry). */
export function indexMembers(w: World): void {
  const f = w.firms;
  w.memberStart.fill(0);
  for (let i = 0; i < f.n; i++) w.memberStart[f.industry[i]! + 1]!++;
  for (let c = 0; c < w.nIndustries; c++) w.memberStart[c + 1]! += w.memberStart[c]!;
  const fill = w.memberStart.slice(0, w.nIndustries);
  for (let i = 0; i < f.n; i++) w.members[fill[f.industry[i]!]!++] = i;
}
