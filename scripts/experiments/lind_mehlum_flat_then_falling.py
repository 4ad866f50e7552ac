#!/usr/bin/env python3
"""How often does the Lind–Mehlum test of T5 find an inverted U in a curve that has no rising limb?

Used for docs/CALIBRATION.md (T8, rising limb). Reads the survey of the rising-limb ablation
(`out/validation/variants/ablation-rising/survey.csv` after `smesim validate-model`), takes the
observed incidence of product innovation by tenths of the true SLI, and simulates surveys of the
same size in which incidence depends on the true SLI through a *known* curve:

  - the observed curve;
  - the observed curve made exactly flat below SLI = 0.5 (so there is no rising limb at all);
  - smooth reference shapes: a − b·x³, a − b·x², a − b·x.

It then applies the same test to each real run, and compares the run-to-run spread of the incidence
by tenth of SLI with pure binomial sampling noise.

Each simulated survey draws (true SLI, Likert SLI) pairs from the real survey, draws the outcome from
the curve at the true SLI, and applies T5's test to the Likert measure rescaled to [0, 1]: logit on
sli + sli², β₂ < 0, turning point inside the range, and both end slopes significant at 5% (one-sided,
as in Lind & Mehlum 2010). No controls: the simulated outcome does not depend on them.

Usage: /usr/bin/python3 scripts/experiments/lind_mehlum_flat_then_falling.py SURVEY.csv [SIMS]
Needs numpy, pandas and statsmodels (Debian: python3-statsmodels).
"""
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm


def lind_mehlum(x, y):
    X = sm.add_constant(np.column_stack([x, x * x]))
    fit = sm.Logit(y, X).fit(disp=0)
    b, V = fit.params, fit.cov_params()
    lo, hi = x.min(), x.max()

    def t(v):
        g = np.array([0.0, 1.0, 2.0 * v])
        return (g @ b) / np.sqrt(g @ V @ g)

    return b[2] < 0 and lo < -b[1] / (2 * b[2]) < hi and t(lo) > 1.645 and t(hi) < -1.645


def main():
    survey = pd.read_csv(sys.argv[1])
    sims = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    runs = survey.run_id.nunique()
    n = len(survey) // runs
    true_x = survey.sli_true.to_numpy()
    likert_x = ((survey.sli_likert - 1) / 6).to_numpy()
    tenth = lambda x: np.minimum((x * 10).astype(int), 8)  # last bin 0.8–1, as in CALIBRATION.md
    curve = survey.groupby(tenth(true_x)).inno_product.mean().to_numpy()
    a = curve[:5].mean()
    drop = a - curve[-1]
    print(f'{runs} runs, {n} firms per run; observed incidence by tenths of SLI: {np.round(curve, 3).tolist()}')
    shapes = [
        ('observed curve', lambda x: curve[tenth(x)]),
        ('observed, exactly flat below 0.5', lambda x: np.where(x < 0.5, a, curve[tenth(x)])),
        (f'{a:.3f} - {drop:.3f}·x³', lambda x: a - drop * x**3),
        (f'{a:.3f} - {drop:.3f}·x²', lambda x: a - drop * x**2),
        (f'{a:.3f} - {drop:.3f}·x', lambda x: a - drop * x),
    ]
    rng = np.random.default_rng(20261123)
    for name, p in shapes:
        passes = 0
        for _ in range(sims):
            k = rng.integers(0, len(true_x), n)
            y = (rng.random(n) < p(true_x[k])).astype(float)
            passes += lind_mehlum(likert_x[k], y)
        print(f'{name:<36} "inverted U" found in {passes / sims:.2f} of {sims} simulated surveys')
    # The real runs, through the same test (no controls): each run is one economy with its own landscapes.
    real = [lind_mehlum(((g.sli_likert - 1) / 6).to_numpy(), g.inno_product.to_numpy().astype(float)) for _, g in survey.groupby('run_id')]
    print(f'{"the real runs (no controls)":<36} "inverted U" found in {np.mean(real):.2f} of {runs} runs')
    cells = survey.assign(b=tenth(true_x)).groupby(['run_id', 'b']).inno_product
    spread = cells.mean().unstack().std()
    binomial = np.sqrt(curve * (1 - curve) / cells.size().unstack().mean())
    print(f'run-to-run sd of incidence by tenth / binomial sd: {np.round(spread / binomial, 2).tolist()}')


if __name__ == '__main__':
    main()
