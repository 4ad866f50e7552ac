#!/usr/bin/env python3
"""A second opinion on T5 and T8: the "two lines" test of an inverted U, run by run.

Used for docs/CALIBRATION.md (T8, rising limb); a diagnostic, not a validation target. Since 2026-11-27
`smesim validate-model` reports the same test itself, with T5's controls (rows `*-two-lines` of
validation.csv, analysis/verbs/twoLines.ts); this script, without controls, is kept to repeat the first
measurements. For every run
of a `smesim validate-model` output folder (the main survey and both ablations) it fits T5's logit on
SLI + SLI² (Likert SLI rescaled to [0, 1], no controls), breaks the range at the fitted vertex, and fits
two lines there: logit on (x − x_c) below the break, (x − x_c) above it and a dummy for "above"
(an interrupted regression, as in Simonsohn 2018, "Two lines", AMPPS 1(4), without his "Robin Hood"
adjustment of the break point). An inverted U needs the left line rising and the right line falling,
each at 5% one-sided. A run whose vertex is outside the range or leaves fewer than two distinct Likert
values on one side has no testable rising limb and counts as "not rising".

Usage: /usr/bin/python3 scripts/experiments/two_lines.py OUT/validation
Needs numpy, pandas and statsmodels (Debian: python3-statsmodels).
"""
import os
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm


def two_lines(x, y):
    """z of the left and right slopes at the vertex of the quadratic logit (NaN when not testable), and the break."""
    b = sm.Logit(y, sm.add_constant(np.column_stack([x, x * x]))).fit(disp=0).params
    xc = -b[1] / (2 * b[2]) if b[2] < 0 else np.nan
    values = np.unique(x)
    if not np.isfinite(xc) or (values <= xc).sum() < 2 or (values > xc).sum() < 2:
        return np.nan, np.nan, xc
    left = np.where(x <= xc, x - xc, 0.0)
    right = np.where(x > xc, x - xc, 0.0)
    above = (x > xc).astype(float)
    fit = sm.Logit(y, sm.add_constant(np.column_stack([left, right, above]))).fit(disp=0)
    z = fit.params / fit.bse
    return z[1], z[2], xc


def main():
    out = sys.argv[1]
    for name, sub in [('full model', ''), ('ablation: supplier proposals flat', 'variants/ablation-rising'), ('ablation: falling-limb mechanisms off', 'variants/ablation-falling')]:
        survey = pd.read_csv(os.path.join(out, sub, 'survey.csv'), usecols=['run_id', 'sli_likert', 'inno_product'])
        res = np.array([two_lines(((g.sli_likert - 1) / 6).to_numpy(), g.inno_product.to_numpy().astype(float)) for _, g in survey.groupby('run_id')])
        left, right = res[:, 0], res[:, 1]
        rising = np.nan_to_num(left) > 1.645
        falling = np.nan_to_num(right) < -1.645
        print(f'{name:<38} {len(res)} runs ({np.isnan(left).sum()} without a testable break): left line rising in {rising.mean():.2f}, '
              f'right line falling in {falling.mean():.2f}, both in {(rising & falling).mean():.2f}')


if __name__ == '__main__':
    main()
