/** Sizes and durations as the CLI prints them. */

/** "3.4 MB", "1.2 GB" (decimal units, as disk quotas are given). */
export function formatBytes(b: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let k = 0;
  while (b >= 1000 && k < units.length - 1) {
    b /= 1000;
    k++;
  }
  return `${b < 10 && k > 0 ? b.toFixed(1) : Math.round(b)} ${units[k]}`;
}

/** "12.3 s", "4.5 min", "2.1 h". */
export function formatSeconds(s: number): string {
  if (s < 90) return `${s.toFixed(1)} s`;
  if (s < 5400) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}
