/**
 * A scenario as a form made from the schema: policy levers and dynamism first, the rest folded; each field
 * with its unit, range, default and description; changes and differences from the baseline marked; every
 * edit checked by the server with `smesim check`'s own messages.
 */
import { type Field, el, get, post } from './api.js';
import { runBox } from './runBox.js';

/** What the server says of a scenario file. */
export interface ScenarioForm {
  file: string;
  name: string;
  description: string;
  baseline: string;
  replicates: number;
  fields: Field[];
  values: Record<string, unknown>;
  baselineValues: Record<string, unknown>;
}

/** A value as a control shows it: lists in YAML's flow style, `[a, b]`. */
function shown(v: unknown): string {
  return Array.isArray(v)
    ? `[${v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ')}]`
    : String(v ?? '');
}

/** Whether two values are the same for the form (a list typed as text against the list). */
const same = (a: unknown, b: unknown) => shown(a) === shown(b);

/** The facts under a field: description, unit, range, default. */
function facts(f: Field): string {
  const range = f.values
    ? `one of ${f.values.join(', ')}`
    : f.min !== undefined || f.max !== undefined
      ? `range ${f.min ?? ''} … ${f.max ?? ''}`
      : '';
  return [
    f.description,
    f.unit && `unit: ${f.unit}`,
    range,
    f.default !== undefined && `default: ${shown(f.default)}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Show the form of a scenario file in `main`. */
export async function showScenario(main: HTMLElement, file: string): Promise<void> {
  const form = await get<ScenarioForm>('scenario', { file });
  const changes: Record<string, unknown> = {};
  const current = (path: string) =>
    path in changes ? changes[path] : (form.values[path] ?? defaultOf(path));
  const defaultOf = (path: string) => form.fields.find((f) => f.path === path)?.default;
  const rows = new Map<string, HTMLElement>();
  const groups = new Map<string, HTMLFieldSetElement>();
  const sections = {
    policies: el('section', {}, el('h2', {}, 'Policy levers')),
    dynamism: el('section', {}, el('h2', {}, 'Dynamism of the environment')),
    more: el('details', {}, el('summary', {}, 'More parameters (population, market, behaviour, survey …)')),
  };
  const problemsBox = el('div', { class: 'problem', id: 'problems' });
  const box = runBox(form, changes);

  /** The fieldset or section a field goes into: its nearest group shown as a fieldset. */
  const containerOf = (f: Field): HTMLElement => {
    const parts = f.path.split('.');
    for (let k = parts.length - 1; k > 0; k--) {
      const g = groups.get(parts.slice(0, k).join('.'));
      if (g) return g;
    }
    return f.section === 'more' ? sections.more : sections[f.section];
  };

  /** Whether every group above a field is on (in the file or switched on here). */
  const rowIsOn = (path: string) => {
    const parts = path.split('.');
    return parts.every((_, k) => {
      const g = parts.slice(0, k).join('.');
      return k === 0 || !groups.has(g) || form.values[g] === true || g in changes;
    });
  };

  const refresh = () => {
    for (const [path, row] of rows) {
      row.classList.toggle('changed', path in changes);
      const base = form.baselineValues[path] ?? defaultOf(path);
      // a field of a lever the baseline does not use (its group is off there) differs whatever its value
      const parts = path.split('.');
      const offInBaseline = parts.some(
        (_, k) => k > 0 && form.baselineValues[parts.slice(0, k).join('.')] === false,
      );
      const differs = offInBaseline ? rowIsOn(path) : !same(current(path), base);
      row.classList.toggle('differs', differs);
      row
        .querySelector('.badge')
        ?.replaceChildren(!differs ? '' : offInBaseline ? 'not in the baseline' : `baseline: ${shown(base)}`);
      const f = form.fields.find((x) => x.path === path)!;
      if (f.onlyWhen) {
        const [tag, value] = f.onlyWhen.split(': ');
        const parent = path.split('.').slice(0, -1).join('.');
        row.hidden = String(current(`${parent}.${tag}`)) !== value;
      }
    }
    for (const [path, set] of groups) {
      const on = form.values[path] === true || path in changes;
      set.classList.toggle('off', !on);
      set
        .querySelectorAll<HTMLInputElement>(':scope > .field input, :scope > .field select')
        .forEach((c) => (c.disabled = !on));
    }
    box.check();
  };

  const setChange = (path: string, v: unknown) => {
    const unchanged = same(v, form.values[path] ?? defaultOf(path)) && form.values[path] !== undefined;
    if (unchanged || (v === '' && form.values[path] === undefined)) delete changes[path];
    else changes[path] = v;
    refresh();
  };

  for (const f of form.fields) {
    if (f.path === 'policies' || f.path === 'dynamism') continue;
    if (f.kind === 'group') {
      const toggle = el('input', { type: 'checkbox', 'data-group': f.path });
      toggle.checked = form.values[f.path] === true;
      toggle.disabled = form.values[f.path] === true; // a group the file has cannot be removed by extending it
      toggle.addEventListener('change', () => {
        if (toggle.checked) changes[f.path] = {};
        else
          for (const p of Object.keys(changes))
            if (p === f.path || p.startsWith(`${f.path}.`)) delete changes[p];
        refresh();
      });
      const legend = el(
        'legend',
        {},
        toggle,
        ` ${f.path.split('.').pop()} `,
        el('span', { class: 'muted' }, f.description ?? ''),
      );
      const set = el('fieldset', { 'data-path': f.path }, legend);
      containerOf(f).append(set);
      groups.set(f.path, set);
      continue;
    }
    const row = el('div', { class: 'field', 'data-path': f.path });
    const control = controlFor(f, current(f.path), (v) => setChange(f.path, v));
    row.append(
      el('label', { for: `f-${f.path}` }, f.path.split('.').pop()!, el('span', { class: 'path' }, f.path)),
      control,
      el('div', { class: 'muted' }, facts(f), el('span', { class: 'badge' })),
      el('div', { class: 'problem' }),
    );
    containerOf(f).append(row);
    rows.set(f.path, row);
  }
  box.onProblems((problems) => {
    for (const row of rows.values()) row.querySelector('.problem')!.replaceChildren();
    const loose: string[] = [];
    for (const p of problems) {
      const row = rows.get(p.path) ?? groups.get(p.path);
      if (row && row.classList.contains('field')) row.querySelector('.problem')!.append(p.message);
      else loose.push(p.message);
    }
    problemsBox.replaceChildren(loose.join('\n'));
  });
  main.replaceChildren(
    el('h2', {}, `${form.name} `, el('span', { class: 'muted' }, `(${form.file})`)),
    el('p', {}, form.description),
    box.element,
    problemsBox,
    sections.policies,
    sections.dynamism,
    el('section', {}, sections.more),
  );
  refresh();
}

/** The control of a field, calling `set` with each new value as typed. */
function controlFor(f: Field, value: unknown, set: (v: unknown) => void): HTMLElement {
  const id = `f-${f.path}`;
  if (f.kind === 'boolean') {
    const c = el('input', { type: 'checkbox', id });
    c.checked = value === true;
    c.addEventListener('change', () => set(c.checked));
    return c;
  }
  if (f.kind === 'enum') {
    const c = el('select', { id }, ...(f.values ?? []).map((v) => el('option', { value: v }, v)));
    c.value = String(value ?? '');
    c.addEventListener('change', () => set(c.value));
    return c;
  }
  if (f.kind === 'number' || f.kind === 'integer') {
    const c = el('input', { type: 'number', id, step: f.kind === 'integer' ? '1' : 'any' });
    c.value = value === undefined ? '' : String(value);
    const wrap = el('div', {}, c);
    const sliding = f.min !== undefined && f.max !== undefined && f.max - f.min <= 1000;
    const slider = sliding
      ? el('input', { type: 'range', min: String(f.min), max: String(f.max), 'aria-label': f.path })
      : undefined;
    if (slider) {
      slider.step = f.kind === 'integer' ? '1' : String((f.max! - f.min!) / 100);
      slider.value = c.value;
      slider.addEventListener('input', () => {
        c.value = slider.value;
        set(Number(slider.value));
      });
      wrap.append(slider);
    }
    c.addEventListener('input', () => {
      if (slider) slider.value = c.value;
      set(c.value.trim() === '' || Number.isNaN(Number(c.value)) ? c.value : Number(c.value));
    });
    return wrap;
  }
  const c = el('input', { type: 'text', id });
  c.value = shown(value);
  c.addEventListener('input', () => set(c.value));
  return c;
}

/** Check edits on the server (the loader of `smesim check`); its problems, each with check's message. */
export async function checkChanges(file: string, changes: Record<string, unknown>) {
  return (await post<{ problems: { path: string; message: string }[] }>('check', { file, changes })).problems;
}
