/** Synthetic surveys for the validation tests. */
import { makeStream, normal } from '../../sim/rng.js';

/**
 * A survey in which firms of one regional industry (sector × region) share an unobserved shock that
 * raises both their cooperation and their innovation: sector and region dummies, being additive, do
 * not absorb it, so treating the firms as independent overstates how sure the estimates are.
 */
export function clusteredSurvey(
  seed = 20261128,
  n = 2400,
  spread = 1.2,
  runId = 'synthetic/r001',
): Record<string, unknown>[] {
  const rng = makeStream(seed, 'clustered-survey');
  const sectors = ['food', 'metal', 'wood'];
  const shared = new Map<string, [number, number]>();
  const logistic = (v: number) => 1 / (1 + Math.exp(-v));
  const bit = (p: number) => (rng() < p ? 1 : 0);
  const likert = (v: number) => Math.min(7, Math.max(1, Math.round(1 + 6 * v)));
  return Array.from({ length: n }, (_, i) => {
    const sector = sectors[i % 3]!;
    const region = `R${Math.floor(i / 3) % 4}`;
    const key = `${sector}|${region}`;
    if (!shared.has(key)) shared.set(key, [spread * normal(rng), normal(rng)]);
    const [u, v] = shared.get(key)!; // the industry's shock, and where its firms' integration depth clusters
    const sli = logistic(v + 0.7 * normal(rng));
    const breadth = Math.min(6, Math.floor(3 * logistic(u + normal(rng))));
    const coop = bit(logistic(0.8 * u));
    const inno = () => bit(logistic(-0.3 + 0.3 * coop + 0.15 * breadth + u + 4 * sli - 4 * sli * sli));
    return {
      run_id: runId,
      sector,
      region,
      employees: 10 + (i % 200),
      coop_any: coop,
      breadth,
      sli_likert: likert(sli),
      lo_likert: 4,
      dyn_likert: 4,
      sli_true: sli,
      lo_true: 0.5,
      dyn_true: 0.5,
      inno_product: inno(),
      inno_process: inno(),
      inno_org: inno(),
      inno_marketing: inno(),
      iss: Math.min(1, Math.max(0, 0.1 + 0.03 * breadth + 0.1 * logistic(u) + 0.05 * normal(rng))),
    };
  });
}
