/** The provenance of a report: what was run (header) and with which software, files and hashes (footer). */
import type { Manifest } from '../../sim/run/manifest.js';
import { escapeHtml } from './html.js';

/** What a shard's report holds: its share of the plan (every count-th run, from its index), not the whole. */
function shardNote(runs: number, shard: { index: number; count: number }): string {
  const mine = Math.max(0, Math.ceil((runs - shard.index + 1) / shard.count));
  return (
    `; this folder is shard ${escapeHtml(shard.index)}/${escapeHtml(shard.count)}, and this ` +
    `report shows only its ${escapeHtml(mine)} run${mine === 1 ? '' : 's'} (smesim merge joins ` +
    `the shards and writes the report of them all)`
  );
}

/** Header: what was run, with provenance from the manifest. Every value escaped. */
export function header(m: Manifest, extra = ''): string {
  const s = m.scenario;
  const sweep = s.sweep
    ? `, a ${s.sweep.design} sweep over ${s.sweep.parameters.map((p) => p.name).join(', ')}`
    : '';
  return [
    `<h1>${escapeHtml(s.name)}</h1>`,
    s.description ? `<p>${escapeHtml(s.description)}</p>` : '',
    `<p>What was run: ${escapeHtml(m.runs)} run${m.runs === 1 ? '' : 's'} ` +
      `(${escapeHtml(s.replicates)} replicate${s.replicates === 1 ? '' : 's'}${escapeHtml(sweep)}) ` +
      `of ${escapeHtml(s.population.toLocaleString('en-US'))} firms × ${escapeHtml(s.ticks)} ` +
      `quarters, master seed ${escapeHtml(s.seed)}${m.shard ? shardNote(m.runs, m.shard) : ''}.${extra}</p>`,
  ].join('\n');
}

export function footer(m: Manifest): string {
  return [
    software(m),
    `Scenario file${m.scenarioFiles.length === 1 ? '' : 's'}: ` +
      `${m.scenarioFiles.map((f) => `<code>${escapeHtml(f)}</code>`).join(' → ') || '–'}.`,
    `Scenario hash <code>${escapeHtml(m.scenarioHash.slice(0, 12))}</code>, plan hash ` +
      `<code>${escapeHtml(m.planHash.slice(0, 12))}</code>.`,
    `Started ${escapeHtml(m.started)}${m.finished ? `, finished ${escapeHtml(m.finished)}` : ''}.`,
    'Every run can be re-run exactly with <code>smesim replay &lt;this folder&gt; &lt;run id&gt;</code>.',
  ].join(' ');
}

/** The software that wrote a run set: smesim's version and commit, and Node's. */
export function software(m: Manifest): string {
  return (
    `smesim ${escapeHtml(m.version)}${m.gitCommit ? ` (commit ${escapeHtml(m.gitCommit.slice(0, 10))})` : ''}, ` +
    `Node ${escapeHtml(m.node)}.`
  );
}
