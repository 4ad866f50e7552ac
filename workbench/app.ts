/** The workbench page: the start page (scenarios, past comparisons), routing, and the queue fed by the server. */
import { type Job, el, get, post } from './api.js';
import { cancelButton, jobListeners, progressText } from './queue.js';
import { showScenario } from './form.js';
import { showResult } from './results.js';

interface ScenarioEntry {
  file: string;
  name: string;
  question: string;
  description: string;
  error?: string;
}
interface ComparisonEntry {
  folder: string;
  scenarios: string[];
  finished: boolean;
  fromWorkbench: boolean;
  modified: string;
}

const main = document.getElementById('main')!;

/** The start page: a card per scenario file with its question, then the past comparisons. */
async function showStart(): Promise<void> {
  const [scenarios, comparisons] = await Promise.all([
    get<ScenarioEntry[]>('scenarios'),
    get<ComparisonEntry[]>('comparisons'),
  ]);
  const cards = scenarios.map((s) => {
    const card = el(
      'a',
      { class: 'card', href: `#/scenario/${encodeURIComponent(s.file)}`, 'data-file': s.file },
      el('h3', {}, s.name),
      el('div', { class: 'question' }, s.question),
      el('p', { class: 'muted' }, s.error ? `Cannot be opened: ${s.error}` : s.description),
      el('div', { class: 'muted' }, s.file),
    );
    return card;
  });
  const past = comparisons.map((c) =>
    el(
      'li',
      {},
      c.finished
        ? el('a', { href: `#/result/${encodeURIComponent(c.folder)}` }, c.folder)
        : el('span', {}, `${c.folder} (not finished)`),
      ` — ${c.scenarios.join(' vs ')}, ${c.modified.slice(0, 16).replace('T', ' ')} UTC`,
      ...(!c.finished && c.fromWorkbench
        ? [' ', el('button', { class: 'secondary', 'data-resume': c.folder }, 'Resume')]
        : []),
    ),
  );
  main.replaceChildren(
    el('h2', {}, 'Choose a question'),
    el('div', { class: 'cards' }, ...cards),
    el('h2', {}, 'Past comparisons'),
    past.length > 0 ? el('ul', { id: 'past' }, ...past) : el('p', { class: 'muted' }, 'None yet.'),
  );
  main
    .querySelectorAll<HTMLButtonElement>('button[data-resume]')
    .forEach((b) => b.addEventListener('click', () => void post('resume', { folder: b.dataset.resume })));
}

/** The queue panel: each comparison with its progress, ETA and a cancel button. */
function showQueue(jobs: Job[]): void {
  const panel = document.getElementById('queue')!;
  const live = jobs.filter((j) => j.state === 'queued' || j.state === 'running');
  panel.replaceChildren(
    ...live.map((j) =>
      el(
        'div',
        { class: 'card', 'data-job': j.folder },
        el('strong', {}, j.folder),
        el('div', {}, j.state === 'queued' ? 'waiting for the comparison before it' : progressText(j)),
        el('progress', { max: String(j.total), value: String(j.done) }),
        ' ',
        cancelButton(j.folder),
      ),
    ),
  );
}

/** Show the page the address names. */
async function route(): Promise<void> {
  const [, kind, arg] = /^#\/(scenario|result)\/(.+)$/.exec(location.hash) ?? [];
  try {
    if (kind === 'scenario') await showScenario(main, decodeURIComponent(arg!));
    else if (kind === 'result') await showResult(main, decodeURIComponent(arg!));
    else await showStart();
  } catch (err) {
    main.replaceChildren(el('p', { class: 'error' }, (err as Error).message));
  }
}

const events = new EventSource('/api/events');
events.addEventListener('jobs', (e) => {
  const jobs = JSON.parse((e as MessageEvent<string>).data) as Job[];
  showQueue(jobs);
  for (const listen of jobListeners) listen(jobs);
});
window.addEventListener('hashchange', () => void route());
void route();
