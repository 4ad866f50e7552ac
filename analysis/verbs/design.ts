/**
 * Survey regressions' design matrices: an intercept, named numeric regressors, log(employees) and
 * sector/region dummies (first level left out). A category in which the outcome never varies predicts
 * it perfectly; as Stata does, its rows are dropped and the drop is reported.
 */

type Row = Record<string, unknown>;

/** A design matrix with its column names and the categories dropped for perfect prediction. */
export interface Design {
  X: number[][];
  y: number[];
  names: string[];
  rows: Row[];
  dropped: string[];
}

/** Numeric regressors: a name and how to compute it from a survey row. */
export type Regressors = [name: string, value: (r: Row) => number][];

/** Drop rows of categories in which a binary outcome is constant (perfect prediction), repeatedly. */
export function dropPerfectPredictors(
  rows: Row[],
  outcome: string,
  categorical: string[],
): { rows: Row[]; dropped: string[] } {
  const dropped: string[] = [];
  let kept = rows;
  for (let changed = true; changed;) {
    changed = false;
    for (const c of categorical) {
      const by = new Map<string, [number, number]>();
      for (const r of kept) {
        const cell = by.get(String(r[c])) ?? [0, 0];
        cell[0] += Number(r[outcome]);
        cell[1] += 1;
        by.set(String(r[c]), cell);
      }
      const bad = [...by.entries()].filter(([, [s, n]]) => s === 0 || s === n).map(([level]) => level);
      if (bad.length > 0 && bad.length < by.size) {
        for (const level of bad) dropped.push(`${c}=${level} (${by.get(level)![1]} rows)`);
        kept = kept.filter((r) => !bad.includes(String(r[c])));
        changed = true;
      }
    }
  }
  return { rows: kept, dropped };
}

/** Build y and X: intercept, regressors, log(employees), and dummies for each categorical control. */
export function surveyDesign(
  rows: Row[],
  outcome: string,
  regressors: Regressors,
  categorical = ['sector', 'region'],
  binary = true,
): Design {
  const { rows: kept, dropped } = binary
    ? dropPerfectPredictors(rows, outcome, categorical)
    : { rows, dropped: [] as string[] };
  const levels = categorical.map((c) => [...new Set(kept.map((r) => String(r[c])))].sort().slice(1));
  const names = [
    '(intercept)',
    ...regressors.map(([n]) => n),
    'log_employees',
    ...categorical.flatMap((c, k) => levels[k]!.map((l) => `${c}=${l}`)),
  ];
  const width = names.length;
  const X = kept.map((r) => {
    const x = new Array<number>(width);
    let j = 0;
    x[j++] = 1;
    for (const [, f] of regressors) x[j++] = f(r);
    x[j++] = Math.log(Number(r.employees));
    for (let c = 0; c < categorical.length; c++) {
      const value = String(r[categorical[c]!]);
      for (const l of levels[c]!) x[j++] = value === l ? 1 : 0;
    }
    return x;
  });
  return { X, y: kept.map((r) => Number(r[outcome])), names, rows: kept, dropped };
}
