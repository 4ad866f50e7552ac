/** The dynamism schedule δ(t) and its range (docs/ODD.md §3 step 1, §7.1). */
import type { Scenario } from '../config/scenario.js';
import type { World } from './world.js';

type Dynamism = Scenario['dynamism'];

/** δ at quarter t under the schedule (never negative). */
export function deltaAt(d: Dynamism, t: number): number {
  let v: number;
  switch (d.schedule) {
    case 'constant':
      v = d.level;
      break;
    case 'step':
      v = t < d.at ? d.before : d.after;
      break;
    case 'ramp':
      if (t <= d.start) v = d.from;
      else if (t >= d.end) v = d.to;
      else v = d.from + ((d.to - d.from) * (t - d.start)) / (d.end - d.start);
      break;
    case 'cycle':
      v = d.mean + d.amplitude * Math.sin((2 * Math.PI * t) / d.period);
      break;
  }
  return Math.max(0, v);
}

/** Lowest and highest δ the schedule allows over a run of `ticks` quarters. */
export function deltaRange(d: Dynamism, ticks: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let t = 0; t < ticks; t++) {
    const v = deltaAt(d, t);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * How far the rigidities of firm i's supplier dyad have settled: 1 − ω_D·δ(t)·m_c of its regional
 * industry, at least 0 (1 when ω_D = 0). Routines, interface specifications and the habit of not
 * touching them form where the market holds still; where it moves fast they are renegotiated all
 * the time (Chirico et al.: "in stable environments, high levels of SLI can lead to complacency").
 * It scales the three lock-in channels of docs/ODD.md §7.4 — convergence, the perceived switching cost
 * and the realignment time — never an outcome equation (docs/ODD.md §1 and §8).
 * With `sli.settleMemory` M > 1 the δ(t) here is its exponential average with mean lag M quarters
 * (`settledDelta`, set in the environment phase; m_c is constant), so rigidities take time to form
 * and to dissolve; at constant δ the two are equal.
 */
export function settle(w: World, i: number): number {
  const shield = w.s.sli.dynamismShield;
  return shield === 0 ? 1 : Math.max(0, 1 - shield * w.settledDelta * w.multiplier[w.firms.industry[i]!]!);
}
