/**
 * The codebook: what every column of every table smesim writes means, with its unit or range.
 * `docs/columns.md` is generated from it (`npm run docs`); a test checks that it names exactly the
 * columns the writers write, in their order, so the two cannot drift apart.
 */

/** One output table: its file, what one row is, and its columns in the order they are written. */
export interface TableDoc {
  file: string;
  /** Which commands write it. */
  writtenBy: string;
  /** What one row is: "One row per …". */
  row: string;
  columns: readonly (readonly [name: string, meaning: string])[];
}

const RUN_ID: readonly [string, string] = [
  'run_id',
  'the run: `<scenario>/r001` (replicate 1), or `<scenario>/p0003/r001` for design point 3 of a sweep; in a sweep, the swept parameters follow as columns named by their dotted path (e.g. `sli.convergenceRate`), with the value this run used',
];
const RUN_KEYS: readonly (readonly [string, string])[] = [
  RUN_ID,
  ['scenario', 'scenario name (`name:` in the file)'],
  [
    'replicate',
    'replicate number, 1, 2, …: runs of two scenarios with the same master seed and replicate face the same world (common random numbers)',
  ],
  ['seed', "the run's own seed, derived from the master seed and the replicate"],
];
const SECTOR: readonly [string, string] = ['sector', 'sector name (one of the scenario’s `sectors:`)'];
const REGION: readonly [string, string] = ['region', 'region number, 1 … `regions`'];
const EMPLOYEES: readonly [string, string] = [
  'employees',
  'employees (10–249 by default; fixed for the firm’s life)',
];
const PARTNERS = ['supplier', 'customer', 'competitor', 'consultant', 'university', 'research'] as const;
const PARTNER_WORDS: Record<(typeof PARTNERS)[number], string> = {
  supplier: 'suppliers',
  customer: 'customers',
  competitor: 'competitors',
  consultant: 'consultants',
  university: 'universities',
  research: 'public research institutes',
};
const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');
const DOMAINS = [
  ['product', 'product'],
  ['process', 'process (technological)'],
  ['org', 'organisational'],
  ['marketing', 'marketing'],
] as const;

/** Programme outlays over the whole run, in revenue units (a median firm's revenue is ~30 a quarter). */
const OUTLAY_COLUMNS: readonly (readonly [string, string])[] = [
  ...PARTNERS.map(
    (p) =>
      [
        `outlay_subsidy_${p}`,
        `cooperation subsidy paid for ties with ${PARTNER_WORDS[p]}: the subsidised share of their cost, summed over quarters`,
      ] as const,
  ),
  [
    'outlay_training',
    'training delivered: firms trained × `policies.training.costPerFirm`; NaN (not priced) without that cost',
  ],
  ['outlay_total', 'all outlays of the run (subsidy and training); NaN when a cost is not priced'],
  [
    'innovative_sales',
    'revenue from innovations (each firm’s revenue × its innovative sales share), summed over firms and quarters',
  ],
];

export const CODEBOOK: readonly TableDoc[] = [
  {
    file: 'runs.csv',
    writtenBy: 'run, sweep, compare (one per scenario), validate-model',
    row: 'run; survey-window figures are means over the firms the survey covers',
    columns: [
      ...RUN_KEYS,
      ['firms', 'firms alive at the end of the run'],
      [
        'surveyed',
        'firms in the virtual survey (every firm at least `survey.minAge` quarters old, or a sample of `survey.sampleSize`)',
      ],
      ['exits', 'exits over the whole run, burn-in included (`exits.csv` has each one)'],
      [
        'coop_any',
        'share of surveyed firms with a cooperation-for-innovation tie of any type in the survey window, 0–1',
      ],
      ...PARTNERS.map(
        (p) =>
          [
            `coop_${p}`,
            `share of surveyed firms cooperating with ${PARTNER_WORDS[p]} in the survey window, 0–1`,
          ] as const,
      ),
      ['mean_breadth', 'mean number of partner types per surveyed firm, 0–6'],
      ...DOMAINS.map(
        ([d, words]) =>
          [
            `inno_${d}`,
            `share of surveyed firms with ${article(words)} ${words} innovation in the survey window, 0–1`,
          ] as const,
      ),
      ['mean_iss', 'mean innovative sales share of surveyed firms, 0–1'],
      ['mean_sli', 'mean supplier integration depth (sli_true) of surveyed firms, 0–1'],
      ['mean_lo', 'mean learning orientation (lo_true) of surveyed firms, 0–1'],
      ...OUTLAY_COLUMNS,
    ],
  },
  {
    file: 'timeseries.csv',
    writtenBy: 'run, sweep, compare, validate-model',
    row: 'run × quarter; figures over the firms that traded in the quarter, before that quarter’s exits and entries',
    columns: [
      RUN_ID,
      ['tick', 'quarter, 0 … `ticks` − 1 (quarters before `burnIn` are burn-in)'],
      ['delta', 'dynamism δ(t) of the schedule this quarter (before each regional industry’s multiplier)'],
      ['firms', 'firms that traded this quarter'],
      ['entries', 'firms that entered at the end of the quarter (as many as exited: the population is kept)'],
      ['exits', 'firms that exited at the end of the quarter (capital below zero)'],
      ['mean_sli', 'mean supplier integration depth x, 0–1'],
      ['mean_lo', 'mean learning orientation, 0–1'],
      ['mean_breadth', 'mean number of partner types held now, 0–6'],
      ['coop_share', 'share of firms holding a cooperation-for-innovation tie now, 0–1'],
      ...DOMAINS.map(
        ([d, words]) =>
          [
            `inno_${d}`,
            `share of firms with ${article(words)} ${words} innovation in this quarter, 0–1`,
          ] as const,
      ),
      ['mean_iss', 'mean innovative sales share, 0–1'],
      [
        'mean_fitness',
        'mean fitness F of the firms’ configurations on their industry’s current landscape, 0–1',
      ],
    ],
  },
  {
    file: 'survey.csv',
    writtenBy: 'run, sweep, compare, validate-model',
    row: 'run × surveyed firm: the virtual innovation survey at the last quarter (columns in docs/VALIDATION.md)',
    columns: [
      ...RUN_KEYS,
      ['firm_id', 'firm number, unique within a run (entrants get new numbers)'],
      SECTOR,
      REGION,
      EMPLOYEES,
      ['age_years', 'age in whole years (quarters ÷ 4, rounded down)'],
      [
        'lo_likert',
        'learning orientation as a survey measures it: the mean of three 1–7 Likert items, so 1, 1⅓, … 7',
      ],
      ['sli_likert', 'supplier logistics integration as a survey measures it: one 1–7 Likert item'],
      [
        'dyn_likert',
        'environmental dynamism as a survey measures it: one 1–7 Likert item (dyn_true mapped linearly from the range the scenario allows)',
      ],
      ['lo_true', 'true learning orientation, 0–1'],
      ['sli_true', 'true integration depth x with the main supplier, 0–1'],
      [
        'dyn_true',
        'true dynamism of the firm’s regional industry: δ(t) times the industry’s multiplier m_c, mean over the survey window (a share `landscape.redrawRate` × this of the landscape’s entries is redrawn each quarter)',
      ],
      [
        'coop_any',
        '1 if the firm held a cooperation-for-innovation tie of any type at some point in the survey window, else 0 (the main-supplier relation alone does not count)',
      ],
      ...PARTNERS.map(
        (p) =>
          [`coop_${p}`, `1 if it cooperated with ${PARTNER_WORDS[p]} in the survey window, else 0`] as const,
      ),
      ['breadth', 'number of partner types it cooperated with in the survey window, 0–6'],
      ...DOMAINS.map(
        ([d, words]) =>
          [
            `inno_${d}`,
            `1 if it introduced ${article(words)} ${words} innovation in the survey window, else 0`,
          ] as const,
      ),
      [
        'iss',
        'innovative sales share at the last quarter: the share of revenue from products younger than `market.youngAge` quarters (default 12), 0–1',
      ],
    ],
  },
  {
    file: 'exits.csv',
    writtenBy:
      'run, sweep, compare, validate-model (its validation and shock runs, from the quarter after their snapshot on), unless `outputs.exits` is false',
    row: 'exit (a firm whose capital fell below zero) from quarter `outputs.exitsFrom` on (default 0: every exit, burn-in included)',
    columns: [
      RUN_ID,
      ['tick', 'quarter at whose end the firm exited'],
      ['firm_id', 'firm number, as in survey.csv'],
      SECTOR,
      REGION,
      EMPLOYEES,
      ['age_quarters', 'age at exit, in quarters'],
      ['lo', 'learning orientation at exit, 0–1'],
      ['sli', 'integration depth x at exit, 0–1'],
    ],
  },
  {
    file: 'snapshots.csv',
    writtenBy: 'run, sweep, compare, validate-model, when `outputs.snapshots` lists quarters',
    row: 'run × firm × snapshot quarter: every firm alive after that quarter',
    columns: [
      RUN_ID,
      ['tick', 'the snapshot quarter (the state after it)'],
      ['firm_id', 'firm number, as in survey.csv and exits.csv'],
      SECTOR,
      REGION,
      EMPLOYEES,
      ['age_quarters', 'age, in quarters'],
      ['lo', 'learning orientation, 0–1'],
      ['sli', 'integration depth x, 0–1'],
      [
        'capital',
        'capital, in revenue units (an established firm’s revenue is about 0.9 per employee and quarter; owners take out what exceeds `firms.reservePerEmployee` × employees)',
      ],
    ],
  },
  {
    file: 'design.csv',
    writtenBy: 'sweep (and run, for a scenario with a `sweep:` block)',
    row: 'design point; the swept parameters follow as columns named by their dotted path',
    columns: [
      ['point', 'design point number, 0, 1, … (`p0003` in run_id is point 3)'],
      [
        'role',
        "sobol: the point's role in Saltelli's scheme (`A`, `B`, or `AB<i>`: A with parameter i taken from B); morris: `T<t>S<s>`, step s of trajectory t; empty for grid and lhs",
      ],
      [
        'group',
        'sobol: the base sample the point belongs to; morris: its trajectory; grid and lhs: the point number',
      ],
      [
        'changed',
        'sobol `AB<i>` points: parameter i; morris: the parameter changed from the previous point of the trajectory; otherwise empty',
      ],
    ],
  },
  {
    file: 'compare.csv',
    writtenBy: 'compare',
    row: 'policy scenario × outcome (an outcome of runs.csv): policy − baseline, paired by replicate',
    columns: [
      ['policy', 'the policy scenario’s name'],
      [
        'outcome',
        'a column of runs.csv (`outlay_total`: the additional outlay), or `<what>_per_outlay`: additional innovators by innovation type (surveyed share × firms) or innovative sales per unit of additional outlay (ratio of mean paired differences in diff_mean, delta-method 95% CI; NaN throughout when the policy is not priced)',
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
        'the smallest true difference these n pairs detect (CI excluding 0) 8 times in 10: the paired t-test’s minimum detectable difference at 80% power, from diff_sd (NaN with one pair). A CI that includes 0 does not rule out effects smaller than this; four times the replicates halve it',
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
        'the run (of the validation scenario, or of the variant the target reads: ablations, shock); T10, which pairs every replicate of the subsidy with the baseline, has one row, `all replicates (paired)`',
      ],
      [
        'target',
        'T1 … T10, L1, L2, L3-any, L3-product, L3-process, L4, or another reading of a target (`T5-two-lines`, `T8-falling-two-lines`, `T8-rising-quadratic`)',
      ],
      [
        'sample',
        '`full` (the whole survey), `paper-300` (a random sample of 300 surveyed firms), `clustered` (the whole survey, T1, T2, T4 and T5 with standard errors clustered by regional industry), or a T9 reference: `no-shock`, `shock-effect`',
      ],
      ['measure', '`likert` (the survey measures, rescaled to 0–1, as the researchers had them) or `true`'],
      [
        'statistic',
        'the target’s test statistic in this run (validate-model’s tables print its mean): T1 the smallest z of the four logits; T2 the smallest of the four breadth logits’ z and the z of breadth in the fractional logit of iss; T3 the smallest residual correlation; T4 the z of breadth; T5 and T8-falling β₂, the coefficient of SLI² (the p-value is the Lind–Mehlum test’s); T6 and T7 the slope at the 90th percentile of SLI for the top tercile of the moderator minus that for the bottom tercile (log-odds scale; positive = the falling limb flattens); T8-rising the z of the two-lines test’s left line; T8-rising-quadratic the t of the quadratic’s slope at the lowest SLI; the other two-lines rows the weaker line’s z, signed towards an inverted U; L1–L4 the run’s own level (a share, or a ratio for L2 and L4; the verdict is on the value pooled over the runs, in validation.json); T9 the z of SLI·(1 − LO) (shock-effect: of shock × SLI·(1 − LO)); T10 the smallest relative rise among the three knowledge providers',
      ],
      ['p_value', 'the p-value that goes with it'],
      [
        'pass',
        '1 if the target holds in this run (L1–L4: the run’s level lies in the surveys’ range), else 0',
      ],
      [
        'note',
        'what was estimated, in words: coefficients, p-values, dropped categories, why a model could not be estimated',
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
        'one column per searched parameter, named by its dotted path (e.g. `portfolio.searchPerShortfall`): the value this candidate ran with',
      ],
      [
        '<objective>',
        "one column per objective, named by its `name` (default: its statistic, e.g. `L1`, `share_coop_any_innovators`): the statistic on the candidate's replicates (levels pooled over their firms; T1–T7 the mean over runs); NaN when it cannot be computed",
      ],
      ['<objective>_se', 'its standard error across the replicates (NaN with one replicate)'],
      [
        'loss',
        'the weighted loss Σ weight · (distance outside the target range / scale)², which CMA-ES minimises; Inf when a statistic is NaN',
      ],
      [
        'pareto_rank',
        "the candidate's front among all candidates by the objectives' distances from their targets: 0 when no other is at least as close to every target and closer to one",
      ],
      [
        'met',
        'how many objectives the candidate meets: its statistic inside the target range, or within two standard errors of it',
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
        '`verdict` (decides the exit code), `level` (a level target: decides it too) or `reading` (a stricter reading, no verdict: the paper-scale sample of 300 firms, SEs clustered by regional industry, the two-lines test)',
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
        'lower end of the pass rate’s Wilson 95% interval (empty for T10, one paired test per seed, and for levels)',
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

/** The columns of a table, in the order they are written. */
export function columnsOf(file: string): string[] {
  const table = CODEBOOK.find((t) => t.file === file);
  if (!table) throw new Error(`no table ${file} in the codebook`);
  return table.columns.map(([name]) => name);
}

/** docs/columns.md. */
export function codebookMarkdown(): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const parts = [
    '# Output columns',
    '',
    '<!-- generated by `npm run docs` from sim/run/codebook.ts; edit that file, not this one -->',
    '',
    'Every table smesim writes, column by column, in the order the columns are written. All tables are',
    'CSV (with `--format arrow,parquet` also Arrow and Parquet, same columns and values), one header',
    'line, sorted by `run_id` where they have one. Numbers are written exactly (the shortest text that',
    'reads back as the same double); `NaN` marks a value that cannot be computed, `Inf` an infinite one.',
    '',
  ];
  for (const t of CODEBOOK) {
    parts.push(
      `## \`${t.file}\``,
      '',
      `One row per ${t.row}. Written by: ${t.writtenBy}.`,
      '',
      '| column | meaning |',
      '|---|---|',
    );
    for (const [name, meaning] of t.columns) parts.push(`| \`${name}\` | ${escape(meaning)} |`);
    parts.push('');
  }
  return parts.join('\n');
}
