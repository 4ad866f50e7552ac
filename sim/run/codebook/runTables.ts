/**
 * The codebook's per-run tables: what each run (and a sweep's design) writes, one row per run, quarter,
 * surveyed firm, exit or snapshot.
 */
import type { TableDoc } from '../codebook.js';

const RUN_ID: readonly [string, string] = [
  'run_id',
  'the run: `<scenario>/r001` (replicate 1), or `<scenario>/p0003/r001` for design point ' +
    '3 of a sweep; in a sweep, the swept parameters follow as columns named by their dotted ' +
    'path (e.g. `sli.convergenceRate`), with the value this run used',
];
const RUN_KEYS: readonly (readonly [string, string])[] = [
  RUN_ID,
  ['scenario', 'scenario name (`name:` in the file)'],
  [
    'replicate',
    'replicate number, 1, 2, …: runs of two scenarios with the same master ' +
      'seed and replicate face the same world (common random numbers)',
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
        `cooperation subsidy paid for ties with ${PARTNER_WORDS[p]}: the ` +
          'subsidised share of their cost, summed over quarters',
      ] as const,
  ),
  [
    'outlay_training',
    'training delivered: firms trained × `policies.training.costPerFirm`; NaN (not priced) without that cost',
  ],
  ['outlay_total', 'all outlays of the run (subsidy and training); NaN when a cost is not priced'],
  [
    'innovative_sales',
    'revenue from innovations (each firm’s revenue × its ' +
      'innovative sales share), summed over firms and quarters',
  ],
];

/** runs.csv, timeseries.csv, survey.csv, exits.csv, snapshots.csv and design.csv, in that order. */
export const RUN_TABLES: readonly TableDoc[] = [
  {
    file: 'runs.csv',
    writtenBy: 'run, sweep, compare (one per scenario), validate-model',
    row: 'run; survey-window figures are means over the firms the survey covers',
    columns: [
      ...RUN_KEYS,
      ['firms', 'firms alive at the end of the run'],
      [
        'surveyed',
        'firms in the virtual survey (every firm at least `survey.minAge` ' +
          'quarters old, or a sample of `survey.sampleSize`)',
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
    row:
      'run × quarter; figures over the firms that traded in the ' +
      'quarter, before that quarter’s exits and entries',
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
    row:
      'run × surveyed firm: the virtual innovation survey at the ' +
      'last quarter (columns in docs/VALIDATION.md)',
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
        'environmental dynamism as a survey measures it: one 1–7 Likert item ' +
          '(dyn_true mapped linearly from the range the scenario allows)',
      ],
      ['lo_true', 'true learning orientation, 0–1'],
      ['sli_true', 'true integration depth x with the main supplier, 0–1'],
      [
        'dyn_true',
        'true dynamism of the firm’s regional industry: δ(t) times the industry’s ' +
          'multiplier m_c, mean over the survey window (a share `landscape.redrawRate` ' +
          '× this of the landscape’s entries is redrawn each quarter)',
      ],
      [
        'coop_any',
        '1 if the firm held a cooperation-for-innovation tie of any type at some point in the ' +
          'survey window, else 0 (the main-supplier relation alone does not count)',
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
        'innovative sales share at the last quarter: the share of revenue from ' +
          'products younger than `market.youngAge` quarters (default 12), 0–1',
      ],
    ],
  },
  {
    file: 'exits.csv',
    writtenBy:
      'run, sweep, compare, validate-model (its validation and shock runs, from the ' +
      'quarter after their snapshot on), unless `outputs.exits` is false',
    row:
      'exit (a firm whose capital fell below zero) from quarter ' +
      '`outputs.exitsFrom` on (default 0: every exit, burn-in included)',
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
        'capital, in revenue units (an established firm’s revenue is about 0.9 per employee and ' +
          'quarter; owners take out what exceeds `firms.reservePerEmployee` × employees)',
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
        "sobol: the point's role in Saltelli's scheme (`A`, `B`, or `AB<i>`: A with parameter i " +
          'taken from B); morris: `T<t>S<s>`, step s of trajectory t; empty for grid and lhs',
      ],
      [
        'group',
        'sobol: the base sample the point belongs to; morris: its trajectory; grid and lhs: the point number',
      ],
      [
        'changed',
        'sobol `AB<i>` points: parameter i; morris: the parameter changed from ' +
          'the previous point of the trajectory; otherwise empty',
      ],
    ],
  },
];
