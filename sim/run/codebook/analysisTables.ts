/**
 * The codebook's analysis tables: what compare, validate-model and calibrate write across runs
 * (compare.csv, validation.csv, calibration.csv, seeds.csv).
 */
import type { TableDoc } from '../codebook.js';

/** compare.csv, validation.csv, calibration.csv and seeds.csv, in that order. */
export const ANALYSIS_TABLES: readonly TableDoc[] = [
  {
    file: 'compare.csv',
    writtenBy: 'compare',
    row: 'policy scenario × outcome (an outcome of runs.csv): policy − baseline, paired by replicate',
    columns: [
      ['policy', 'the policy scenario’s name'],
      [
        'outcome',
        'a column of runs.csv (`outlay_total`: the additional outlay), or `<what>_per_outlay`: ' +
          'additional innovators by innovation type (surveyed share × firms) or innovative sales ' +
          'per unit of additional outlay (ratio of mean paired differences in diff_mean, ' +
          'delta-method 95% CI; NaN throughout when the policy is not priced)',
      ],
      ['n', 'replicate pairs (both runs succeeded)'],
      ['baseline_mean', 'mean of the outcome over the baseline’s runs in the pairs'],
      ['policy_mean', 'mean over the policy’s runs'],
      ['diff_mean', 'mean of the paired differences, policy − baseline'],
      ['diff_sd', 'standard deviation of the paired differences (NaN with one pair)'],
      ['ci_low', 'lower end of the 95% confidence interval of diff_mean (t distribution; NaN with one pair)'],
      ['ci_high', 'upper end of that interval'],
      ['p_value', 'two-sided p-value of the paired t-test that the mean difference is 0'],
      [
        'detectable_diff',
        'the smallest true difference these n pairs detect (CI excluding 0) 8 times in ' +
          '10: the paired t-test’s minimum detectable difference at 80% power, from ' +
          'diff_sd (NaN with one pair). A CI that includes 0 does not rule out effects ' +
          'smaller than this; four times the replicates halve it',
      ],
    ],
  },
  {
    file: 'validation.csv',
    writtenBy: 'validate-model',
    row: 'run × target × sample × measure (docs/VALIDATION.md; T10 has one row for all runs)',
    columns: [
      [
        'run_id',
        'the run (of the validation scenario, or of the variant the target reads: ' +
          'ablations, shock); T10, which pairs every replicate of the subsidy with ' +
          'the baseline, has one row, `all replicates (paired)`',
      ],
      [
        'target',
        'T1 … T10, L1, L2, L3-any, L3-product, L3-process, L4, or another reading of a ' +
          'target (`T5-two-lines`, `T8-falling-two-lines`, `T8-rising-quadratic`)',
      ],
      [
        'sample',
        '`full` (the whole survey), `paper-300` (a random sample of 300 surveyed firms), ' +
          '`clustered` (the whole survey, T1, T2, T4 and T5 with standard errors clustered by ' +
          'regional industry), or a T9 reference: `no-shock`, `shock-effect`',
      ],
      ['measure', '`likert` (the survey measures, rescaled to 0–1, as the researchers had them) or `true`'],
      [
        'statistic',
        'the target’s test statistic in this run (validate-model’s tables print its mean): T1 the ' +
          'smallest z of the four logits; T2 the smallest of the four breadth logits’ z and the z of ' +
          'breadth in the fractional logit of iss; T3 the smallest residual correlation; T4 the z of ' +
          'breadth; T5 and T8-falling β₂, the coefficient of SLI² (the p-value is the Lind–Mehlum ' +
          'test’s); T6 and T7 the slope at the 90th percentile of SLI for the top tercile of the ' +
          'moderator minus that for the bottom tercile (log-odds scale; positive = the falling limb ' +
          'flattens); T8-rising the z of the two-lines test’s left line; T8-rising-quadratic the t ' +
          'of the quadratic’s slope at the lowest SLI; the other two-lines rows the weaker line’s z, ' +
          'signed towards an inverted U; L1–L4 the run’s own level (a share, or a ratio for L2 and ' +
          'L4; the verdict is on the value pooled over the runs, in validation.json); T9 the z of ' +
          'SLI·(1 − LO) (shock-effect: of shock × SLI·(1 − LO)); T10 the smallest relative rise ' +
          'among the three knowledge providers',
      ],
      ['p_value', 'the p-value that goes with it'],
      [
        'pass',
        '1 if the target holds in this run (L1–L4: the run’s level lies in the surveys’ range), else 0',
      ],
      [
        'note',
        'what was estimated, in words: coefficients, p-values, dropped ' +
          'categories, why a model could not be estimated',
      ],
    ],
  },
  {
    file: 'calibration.csv',
    writtenBy: 'calibrate',
    row: 'candidate a calibration evaluated, in the order evaluated',
    columns: [
      ['generation', 'generation 1, 2, …; its runs are in `gen-NNN/`'],
      ['candidate', 'candidate 1, 2, … of its generation (runs `<scenario>/gNNN/cNN/rNNN`)'],
      [
        '<parameter>',
        'one column per searched parameter, named by its dotted path (e.g. ' +
          '`portfolio.searchPerShortfall`): the value this candidate ran with',
      ],
      [
        '<objective>',
        'one column per objective, named by its `name` (default: its statistic, e.g. `L1`, ' +
          "`share_coop_any_innovators`): the statistic on the candidate's replicates (levels pooled " +
          'over their firms; T1–T7 the mean over runs); NaN when it cannot be computed',
      ],
      ['<objective>_se', 'its standard error across the replicates (NaN with one replicate)'],
      [
        'loss',
        'the weighted loss Σ weight · (distance outside the target range / ' +
          'scale)², which CMA-ES minimises; Inf when a statistic is NaN',
      ],
      [
        'pareto_rank',
        "the candidate's front among all candidates by the objectives' distances from their " +
          'targets: 0 when no other is at least as close to every target and closer to one',
      ],
      [
        'met',
        'how many objectives the candidate meets: its statistic inside the ' +
          'target range, or within two standard errors of it',
      ],
      ['failed_runs', 'runs of this candidate that failed (its statistics use the others)'],
    ],
  },
  {
    file: 'seeds.csv',
    writtenBy: 'validate-model --seeds',
    row: 'master seed × target: the decisive targets, the levels L1–L4 and the stricter readings',
    columns: [
      ['seed', 'the master seed'],
      ['target', 'T1 … T10, L1 … L4 (L3 in three parts), or a reading such as `T5-two-lines`'],
      [
        'role',
        '`verdict` (decides the exit code), `level` (a level target: decides it too) or ' +
          '`reading` (a stricter reading, no verdict: the paper-scale sample of 300 firms, ' +
          'SEs clustered by regional industry, the two-lines test)',
      ],
      ['sample', 'as in validation.csv'],
      ['measure', 'as in validation.csv'],
      ['runs', 'runs the pass rate is over'],
      [
        'pass_rate',
        'share of runs in which the target holds, 0–1 (a level: share of runs whose own level is in range)',
      ],
      [
        'pass_rate_low',
        'lower end of the pass rate’s Wilson 95% interval (empty for ' +
          'T10, one paired test per seed, and for levels)',
      ],
      ['pass_rate_high', 'upper end of that interval'],
      ['mean_statistic', 'mean of the runs’ statistics (empty for levels)'],
      [
        'value',
        'a level: its value pooled over every surveyed firm of the seed’s runs (empty for the targets)',
      ],
      ['value_low', 'a level: value − 1.96 standard errors of the per-run values'],
      ['value_high', 'a level: value + 1.96 standard errors of the per-run values'],
      [
        'threshold',
        'what the pass rate must meet, e.g. `≥ 0.8`, or the surveys’ range of a level, e.g. `0.20–0.45`',
      ],
      ['pass', '1 if the target or level meets its threshold on this seed (a reading: would meet it)'],
    ],
  },
];
