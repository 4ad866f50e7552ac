/**
 * Finding a parameter by its model symbol, as docs/ODD.md writes it: `gamma` or `γ`
 * (sli.convergenceRate), `omega_D`, `p_s1`, `c0`. A parameter's symbol is what its description starts
 * with ("γ: …"), so the schema stays the one place that names it.
 */
import type { ParamInfo } from './introspect.js';

const GREEK: Record<string, string> = {
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  eta: 'η',
  theta: 'θ',
  iota: 'ι',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  nu: 'ν',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  psi: 'ψ',
  omega: 'ω',
};
/** A symbol as compared, ever more loosely: as written; without underscores; and in lower case. */
const symbolKey = (s: string, loose: number) =>
  loose === 0 ? s : (loose === 2 ? s.toLowerCase() : s).replace(/_/g, '');
const SYMBOL = /^([^\s:]{1,6}): /;

/**
 * The parameters (with their symbols) a name spells. The last segment of a dotted name is read
 * (`sli.gamma` → `gamma`); case decides only between symbols that differ in nothing else (`K`, `k`).
 */
function symbolMatches(name: string, params: Iterable<ParamInfo>): { path: string; symbol: string }[] {
  const symbols = [...params]
    .filter((p) => p.kind !== 'group' && SYMBOL.test(p.description ?? ''))
    .map((p) => ({ path: p.path, symbol: SYMBOL.exec(p.description!)![1]! }));
  const last = name.slice(name.lastIndexOf('.') + 1);
  const letter = Object.keys(GREEK)
    .filter((g) => last.toLowerCase().startsWith(g))
    .sort((a, b) => b.length - a.length)[0];
  const spelled = letter ? GREEK[letter]! + last.slice(letter.length) : last;
  for (const loose of [0, 1, 2]) {
    const hits = symbols.filter((s) => symbolKey(s.symbol, loose) === symbolKey(spelled, loose));
    if (hits.length > 0) return hits;
  }
  return [];
}

/** The paths of the parameters a model symbol names, among `params`; none when the name spells no symbol. */
export function parametersBySymbol(name: string, params: Iterable<ParamInfo>): string[] {
  return symbolMatches(name, params).map((m) => m.path);
}

/** "γ is 'sli.convergenceRate'" for a name that spells a model symbol, else undefined. */
export function symbolHint(name: string, params: Iterable<ParamInfo>): string | undefined {
  const hits = symbolMatches(name, params);
  return hits.length === 0 ? undefined : hits.map((m) => `${m.symbol} is '${m.path}'`).join(', ');
}
