#!/usr/bin/env bash
# Run a smesim sweep as a Slurm job array, then merge the shards in a dependent job.
#
# Usage (from the repository root, after `npm ci`):
#   scripts/cluster/slurm-array.sh SCENARIO OUTDIR [SHARDS]
# e.g.
#   scripts/cluster/slurm-array.sh scenarios/sweep-example.yaml /scratch/$USER/sweep 8
#
# It submits SHARDS array tasks (task i runs `smesim sweep SCENARIO --shard i+1/SHARDS`) and a
# merge job that starts only if every task succeeded (afterok). Because every run's seed comes from
# its run id, the merged tables are byte-identical to a single-machine run, whatever SHARDS is.
# Extra sbatch options (partition, account, time) can be passed in SBATCH_OPTS, e.g.
#   SBATCH_OPTS="--partition=short --account=myproj --time=02:00:00" scripts/cluster/slurm-array.sh …
# Load your site's Node.js 20+ first if it is a module, e.g. `module load nodejs/20` (NODE_SETUP below).
set -euo pipefail
scenario=${1:?usage: slurm-array.sh SCENARIO OUTDIR [SHARDS]}
outdir=${2:?usage: slurm-array.sh SCENARIO OUTDIR [SHARDS]}
shards=${3:-4}
repo=$(cd "$(dirname "$0")/../.." && pwd)
cli="node $repo/dist/scripts/cli.js"
setup=${NODE_SETUP:-true}   # e.g. NODE_SETUP="module load nodejs/20"
cpus=${CPUS_PER_TASK:-2}
mkdir -p "$outdir/logs"

# Fail early, on the login node, if the scenario is wrong (exit code 2 with file:line messages).
$cli check "$scenario"

array_id=$(sbatch --parsable ${SBATCH_OPTS:-} \
  --job-name=smesim-sweep --array=0-$((shards - 1)) --cpus-per-task="$cpus" \
  --output="$outdir/logs/shard-%a.out" \
  --wrap="$setup && $cli sweep '$scenario' --shard \$((SLURM_ARRAY_TASK_ID + 1))/$shards --workers \${SLURM_CPUS_PER_TASK:-1} --no-report --out '$outdir/shard-'\$SLURM_ARRAY_TASK_ID")

shard_dirs=$(for i in $(seq 0 $((shards - 1))); do printf "'%s/shard-%s' " "$outdir" "$i"; done)
merge_id=$(sbatch --parsable ${SBATCH_OPTS:-} \
  --job-name=smesim-merge --dependency=afterok:"$array_id" --kill-on-invalid-dep=yes \
  --output="$outdir/logs/merge.out" \
  --wrap="$setup && $cli merge $shard_dirs --out '$outdir/merged'")

echo "submitted array job $array_id ($shards tasks) and merge job $merge_id"
echo "merged tables will be in $outdir/merged; logs in $outdir/logs"
