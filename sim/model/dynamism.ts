/** The dynamism schedule δ(t) and its range (MODEL.md §3 step 1, §8). */
import type { Scenario } from '../config/scenario.js';

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
