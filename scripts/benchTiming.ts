/** What every benchmark shares: its row of results, the clock, and alternating paired measurements. */

/** One row of the results table. */
export interface BenchRow {
  benchmark: string;
  firms: number;
  ticks: number;
  runs: number;
  workers: number;
  seconds: number;
  firmTicksPerSecond: number | null;
  bytesPerFirm: number | null;
  efficiency: number | null;
  note: string;
}

/** Seconds on a monotonic clock. */
export const now = () => Number(process.hrtime.bigint()) / 1e9;

/** The median of a list of numbers. */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Time `time(1)` and `time(workers)` alternately `repeats` times: the median of each, and the median of
 * the pairwise efficiencies T1/(n·Tn) with the ratios it came from.
 */
export async function alternately(
  time: (threads: number) => Promise<number>,
  workers: number,
  repeats: number,
): Promise<{ one: number; many: number; efficiency: number; spread: string }> {
  const ones: number[] = [];
  const manys: number[] = [];
  for (let k = 0; k < repeats; k++) {
    ones.push(await time(1));
    manys.push(await time(workers));
  }
  const ratios = ones.map((one, k) => one / (workers * manys[k]!));
  const spread =
    `median of T1/(${workers}·T${workers}) over ${repeats} alternating pairs: ratios ` +
    `${ratios.map((r) => r.toFixed(3)).join(', ')}`;
  return { one: median(ones), many: median(manys), efficiency: median(ratios), spread };
}
