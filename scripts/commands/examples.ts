/** The examples each command's `--help` ends with, one command line per entry, in one table. */

const EXAMPLES: Record<string, readonly string[]> = {
  run: [
    'smesim run scenarios/baseline.yaml',
    'smesim run scenarios/training-programme.yaml --replicates 20 --workers 2 --out out/training',
  ],
  sweep: [
    'smesim sweep scenarios/sweep-example.yaml --dry-run',
    'smesim sweep scenarios/sweep-example.yaml --workers 2',
    'smesim sweep scenarios/sweep-example.yaml --shard 1/4 --out out/sweep/shard-0',
  ],
  compare: ['smesim compare scenarios/baseline.yaml scenarios/training-programme.yaml --replicates 10'],
  report: ['smesim report out/sweep-example --outcome coop_any --threshold 0.7'],
  merge: ['smesim merge out/sweep/shard-* --out out/sweep/merged'],
  replay: ['smesim replay out/baseline baseline/r003'],
  'validate-model': [
    'smesim validate-model',
    'smesim validate-model --dry-run                                                  # how long, how much disk',
    'smesim validate-model --replicates 5 --population 500 --out out/validation-quick',
    'smesim validate-model --replicates 12 --targets T5,T6,T7 --out out/calibrate   # while calibrating',
    'smesim validate-model --replicates 12 --targets T6 --set sli.convergenceRate=2.2 --out out/calibrate-gamma-2.2',
    'smesim validate-model --seeds 20261123,7,99 --out out/validation-seeds          # the default seed and two others',
    "smesim validate-model --targets T9 --shock '{magnitude: 1, demandLoss: 0.3}' --out out/t9-crisis   " +
      '# T9 under another shock',
  ],
  bench: ['smesim bench --quick'],
  check: [
    'smesim check scenarios/*.yaml',
    'smesim check scenarios/baseline.yaml --set population=2000 --set sli.costSaving=0.08',
  ],
  describe: [
    'smesim describe',
    'smesim describe sli',
    'smesim describe policies.training.share',
    'smesim describe training',
    'smesim describe gamma',
  ],
};

/** The help text after a command's options: 'Example:' or 'Examples:' and its command lines. */
export function examplesOf(command: string): string {
  const lines = EXAMPLES[command] ?? [];
  return `\nExample${lines.length === 1 ? '' : 's'}:\n${lines.map((l) => `  $ ${l}\n`).join('')}`;
}
