/**
 * The scenario page's run box: the new scenario's name, the replicates with the difference they can detect
 * (as `compare` computes it), "Save as", "Run against the baseline", and the run's progress.
 */
import { type Job, el, fmt, get, post } from './api.js';
import type { ScenarioForm } from './form.js';
import { cancelButton, jobListeners, progressText } from './queue.js';

type Problem = { path: string; message: string };
type Detectable = {
  effectSize: number | null;
  percentLow?: number;
  percentHigh?: number;
  from?: string;
};

/** The run box of a form; `check` re-checks the edits (debounced), `onProblems` hears the answer. */
export function runBox(form: ScenarioForm, changes: Record<string, unknown>) {
  const name = el('input', { type: 'text', id: 'save-name', value: `${form.name}-edited` });
  const description = el('input', { type: 'text', id: 'save-description', value: form.description });
  const replicates = el('input', {
    type: 'number',
    id: 'replicates',
    min: '1',
    max: '1000',
    step: '1',
    value: String(form.replicates),
  });
  const detectable = el('div', { class: 'muted', id: 'detectable' });
  const save = el('button', { class: 'secondary', id: 'save' }, 'Save as');
  const run = el('button', { id: 'run' }, `Run against ${form.baseline}`);
  const status = el('div', { id: 'status' });
  const listeners: ((p: Problem[]) => void)[] = [];
  let problems: Problem[] = [];
  let timer: number | undefined;
  let asked = 0;
  let askedDetectable = 0;

  const body = () => ({ file: form.file, name: name.value.trim(), description: description.value, changes });
  const check = () => {
    clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const mine = ++asked;
      const answer = await post<{ problems: Problem[] }>('check', { file: form.file, changes });
      if (mine !== asked) return; // a later edit is being checked
      problems = answer.problems;
      save.disabled = run.disabled = problems.length > 0;
      document.body.dataset.checked = String(asked);
      for (const l of listeners) l(problems);
    }, 200);
  };
  const showDetectable = async () => {
    const n = Number(replicates.value);
    const mine = ++askedDetectable;
    const d = await get<Detectable>('detectable', { n, file: form.file, name: name.value.trim() });
    if (mine !== askedDetectable) return; // a later choice is being answered
    const pct = (v: number) => `±${fmt(v)}%`;
    detectable.textContent =
      d.effectSize === null
        ? 'One replicate gives no confidence interval: choose 10 or more.'
        : d.percentLow !== undefined && d.percentHigh !== undefined
          ? `With ${n} replicate pairs, a difference shows reliably (8 times in 10) from about ` +
            `${pct(d.percentLow)} to ${pct(d.percentHigh)} of the baseline, depending on the outcome ` +
            `(from the spread of ${d.from}); four times the replicates halve that.`
          : `With ${n} replicate pairs, a difference shows reliably (8 times in 10) from about ` +
            `${fmt(d.effectSize)} standard deviations of the paired differences; four times the ` +
            'replicates halve that. After a first run it is given per outcome.';
  };
  replicates.addEventListener('input', () => void showDetectable());
  name.addEventListener('change', () => void showDetectable());
  const fail = (err: unknown) =>
    status.replaceChildren(el('span', { class: 'error' }, (err as Error).message));

  save.addEventListener('click', async () => {
    try {
      const { file } = await post<{ file: string }>('save', body());
      status.replaceChildren(
        'Saved as ',
        el('a', { href: `/scenarios/${encodeURIComponent(file)}`, id: 'saved' }, file),
        ` (extends ${form.file}).`,
      );
    } catch (err) {
      fail(err);
    }
  });
  run.addEventListener('click', async () => {
    try {
      const job = await post<Job>('run', { ...body(), replicates: Number(replicates.value) });
      document.body.dataset.runClicked = String(performance.now());
      follow(job);
    } catch (err) {
      fail(err);
    }
  });

  /** Show a job's progress here until it has finished, then open its result. */
  const follow = (job: Job) => {
    const line = el('span', {}, 'queued');
    status.replaceChildren(line, ' ', cancelButton(job.folder));
    const listen = (jobs: Job[]) => {
      const j = jobs.find((x) => x.folder === job.folder);
      if (!j) return;
      if (j.state === 'done') {
        jobListeners.delete(listen);
        location.hash = `#/result/${encodeURIComponent(j.folder)}`;
      } else if (j.state === 'running' || j.state === 'queued')
        line.textContent = j.state === 'queued' ? 'waiting for the comparison before it' : progressText(j);
      else {
        jobListeners.delete(listen);
        status.replaceChildren(
          el('span', { class: j.state === 'failed' ? 'error' : '' }, `${j.state}: ${j.message ?? ''}`),
        );
      }
    };
    jobListeners.add(listen);
  };

  void showDetectable();
  const element = el(
    'div',
    { class: 'runbox' },
    el('label', {}, 'Save as name ', name),
    el('label', {}, 'description ', description),
    el('label', {}, 'replicates ', replicates),
    save,
    ' ',
    run,
    detectable,
    status,
  );
  return { element, check, onProblems: (l: (p: Problem[]) => void) => listeners.push(l) };
}
