/** Talking to the workbench server, and building page elements with every user string escaped. */

/** A field of the scenario schema, as the server describes it (`smesim describe`'s facts). */
export interface Field {
  path: string;
  kind: 'number' | 'integer' | 'boolean' | 'enum' | 'string' | 'list' | 'group';
  default?: unknown;
  min?: number;
  max?: number;
  unit?: string;
  description?: string;
  values?: string[];
  onlyWhen?: string;
  section: 'policies' | 'dynamism' | 'more';
}

/** A queued, running or finished comparison. */
export interface Job {
  folder: string;
  baseline: string;
  policy: string;
  replicates: number;
  state: 'queued' | 'running' | 'done' | 'cancelled' | 'failed';
  done: number;
  total: number;
  etaSeconds?: number;
  message?: string;
  command: string;
}

/** GET a JSON answer of the API; throws the server's message. */
export async function get<T>(route: string, query: Record<string, string | number> = {}): Promise<T> {
  const q = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return answer<T>(await fetch(`/api/${route}${q.size > 0 ? `?${q}` : ''}`));
}

/** POST a JSON body to the API; throws the server's message. */
export async function post<T>(route: string, body: unknown): Promise<T> {
  return answer<T>(
    await fetch(`/api/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

/** The JSON of a response, or an Error with the server's message. */
async function answer<T>(res: Response): Promise<T> {
  const body = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
  return body;
}

/** Escape text for HTML. */
export function esc(v: unknown): string {
  return String(v ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** An element from a tag, attributes and children (text children are text, never HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === true) node.setAttribute(k, '');
    else if (typeof v === 'string') node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

/** A number for people: 3 significant digits, whole numbers as they are. */
export function fmt(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '–';
  if (Number.isInteger(v)) return String(v);
  return Number(v.toPrecision(3)).toString();
}

/** Minimal typing of the Plotly bundle the page loads. */
declare global {
  const Plotly: {
    newPlot(div: HTMLElement, data: unknown, layout: unknown, config: unknown): Promise<unknown>;
  };
}
