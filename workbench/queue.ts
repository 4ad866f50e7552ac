/** The queue as the page hears it from the server, and the pieces that show a comparison's progress. */
import { type Job, el, post } from './api.js';

/** Everyone who wants to hear about the queue (the queue panel, the scenario page's progress line). */
export const jobListeners = new Set<(jobs: Job[]) => void>();

/** "12 of 20 runs finished, about 30 s left". */
export function progressText(j: Job): string {
  const eta = j.etaSeconds === undefined ? '' : `, about ${formatSeconds(j.etaSeconds)} left`;
  return `${j.done} of ${j.total} runs finished${eta}`;
}

/** Seconds as "45 s" or "3 min". */
function formatSeconds(s: number): string {
  return s < 90 ? `${Math.max(1, Math.round(s))} s` : `${Math.round(s / 60)} min`;
}

/** A button that cancels the comparison of a folder. */
export function cancelButton(folder: string): HTMLButtonElement {
  const b = el('button', { class: 'secondary', 'data-cancel': folder }, 'Cancel');
  b.addEventListener('click', () => void post('cancel', { folder }));
  return b;
}
