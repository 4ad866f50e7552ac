#!/usr/bin/env bash
# Run a smesim calibration on Slurm: one job array per generation, each followed by a job that tells the
# algorithm the generation's results, every job depending on the one before (afterok).
#
# Usage (from the repository root, after `npm ci`):
#   scripts/cluster/slurm-calibrate.sh SCENARIO OUTDIR [SHARDS]
# e.g.
#   scripts/cluster/slurm-calibrate.sh scenarios/calibration-example.yaml /scratch/$USER/calibration 4
#
# For generation g (budget B = g × generationSize) it submits
#   - an array of SHARDS tasks: `smesim calibrate SCENARIO --out OUTDIR --budget B --shard i/SHARDS`,
#     each running its share of generation g's runs (the candidates follow from the state the previous
#     generation left, so every task computes the same ones), after the previous generation's tell job;
#   - a tell job: `smesim calibrate SCENARIO --out OUTDIR --budget B`, after the array, which takes the
#     shards' runs in, measures the objectives, tells the algorithm and writes calibration.csv, best.yaml
#     and report.html.
# All jobs are submitted at once; a failed task cancels the rest of the chain (--kill-on-invalid-dep).
# The results are byte-identical to `smesim calibrate SCENARIO` on one machine, whatever SHARDS is.
# SBATCH_OPTS, NODE_SETUP and CPUS_PER_TASK as for slurm-array.sh.
set -euo pipefail
scenario=${1:?usage: slurm-calibrate.sh SCENARIO OUTDIR [SHARDS]}
outdir=${2:?usage: slurm-calibrate.sh SCENARIO OUTDIR [SHARDS]}
shards=${3:-4}
repo=$(cd "$(dirname "$0")/../.." && pwd)
cli="node $repo/dist/scripts/cli.js"
setup=${NODE_SETUP:-true}   # e.g. NODE_SETUP="module load nodejs/20"
cpus=${CPUS_PER_TASK:-2}
mkdir -p "$outdir/logs"

# Fail early, on the login node, if the scenario is wrong (exit code 2 with file:line messages); read the design.
$cli check "$scenario" >/dev/null
design=$($cli calibrate "$scenario" --out "$outdir" --dry-run --json --workers 1)
field() { node -e "process.stdout.write(String(JSON.parse(process.argv[1])['$1']))" "$design"; }
generations=$(field generations)
size=$(field generationSize)

after=""
for g in $(seq 1 "$generations"); do
  budget=$((g * size))
  # the same command for the array's tasks (each with --shard) and for the job that tells the generation
  calibrate="$cli calibrate '$scenario' --out '$outdir' --budget $budget --workers \${SLURM_CPUS_PER_TASK:-1}"
  array_id=$(sbatch --parsable ${SBATCH_OPTS:-} ${after:+--dependency=afterok:$after --kill-on-invalid-dep=yes} \
    --job-name="smesim-cal-g$g" --array=1-"$shards" --cpus-per-task="$cpus" \
    --output="$outdir/logs/gen-$g-shard-%a.out" \
    --wrap="$setup && $calibrate --shard \$SLURM_ARRAY_TASK_ID/$shards")
  after=$(sbatch --parsable ${SBATCH_OPTS:-} --dependency=afterok:"$array_id" --kill-on-invalid-dep=yes \
    --job-name="smesim-cal-tell-$g" --cpus-per-task="$cpus" \
    --output="$outdir/logs/gen-$g-tell.out" \
    --wrap="$setup && $calibrate")
  echo "generation $g: array job $array_id ($shards tasks), tell job $after"
done
echo "results in $outdir (calibration.csv, best.yaml, report.html); logs in $outdir/logs"
