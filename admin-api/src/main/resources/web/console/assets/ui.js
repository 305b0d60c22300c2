// Small DOM helpers shared by the pages: elements, tables, filter forms, confirmations, messages.

/** An element: h('a', {href: '/x', class: 'y', onclick: fn}, 'text', child…). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/**
 * Replaces an element's content. The pages redraw what they refresh every few seconds: a control
 * that had the keyboard focus gets it back in the new content (the one of the same kind, target and
 * name), so a refresh does not throw a keyboard user back to the top of the page.
 */
export function fill(el, ...children) {
  const active = document.activeElement;
  const had = active && active !== el && el.contains(active) ? focusKey(active) : null;
  el.replaceChildren();
  append(el, children);
  if (had) {
    const same = [...el.querySelectorAll(active.tagName)].find((e) => focusKey(e) === had);
    if (same) same.focus({ preventScroll: true });
  }
  return el;
}

function focusKey(e) {
  return [e.tagName, e.id, e.getAttribute('href'), e.getAttribute('aria-label'), e.textContent].join('\n');
}

export function view() {
  return document.getElementById('view');
}

/** A page: its heading and content replace the view. */
export function page(title, ...content) {
  document.title = `${title} · Quorum console`;
  return fill(view(), h('h1', {}, title), ...content);
}

export function badge(status) {
  return h('span', { class: `badge status-${status}` }, status);
}

/**
 * A table: columns are {label, cell(row) → node|string}; an empty list shows {@code empty}.
 * Wide tables scroll inside their own box on a narrow screen.
 */
export function table(caption, columns, rows, empty = 'Nothing to show.') {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  return h('div', { class: 'table-wrap', tabindex: '0', 'aria-label': caption },
    h('table', {},
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, columns.map((c) => h('td', { 'data-label': c.label }, c.cell(r))))))));
}

/** A definition list of label → value pairs. */
export function details(pairs) {
  return h('dl', { class: 'details' }, pairs.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));
}

/**
 * A filter form. fields: {name, label, type ('text'|'select'|'datetime-local'), options:[[value,label]]}.
 * Submitting calls onApply with the values; the current values come from {@code values}.
 */
export function filterForm(fields, values, onApply) {
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filters' });
  for (const f of fields) {
    const id = `filter-${f.name}`;
    let input;
    if (f.type === 'select') {
      input = h('select', { id, name: f.name },
        f.options.map(([v, l]) => h('option', { value: v, selected: (values[f.name] || '') === v }, l)));
    } else {
      input = h('input', { id, name: f.name, type: f.type || 'text', value: values[f.name] || '',
        step: f.type === 'datetime-local' ? '1' : null, placeholder: f.placeholder, spellcheck: 'false' });
    }
    form.append(h('div', { class: 'field' }, h('label', { for: id }, f.label), input));
  }
  form.append(h('div', { class: 'field actions' },
    h('button', { type: 'submit', id: 'apply-filters' }, 'Apply filters'),
    h('button', { type: 'button', class: 'secondary', onclick: () => { form.reset();
      for (const el of form.elements) if (el.name) el.value = ''; onApply(collect(form)); } }, 'Clear')));
  form.addEventListener('submit', (e) => { e.preventDefault(); onApply(collect(form)); });
  return form;
}

function collect(form) {
  const out = {};
  for (const el of form.elements) if (el.name) out[el.name] = el.value.trim();
  return out;
}

/** The page's query string as an object, and a way to replace it without reloading. */
export function query() {
  return Object.fromEntries(new URLSearchParams(location.search));
}

export function setQuery(values) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) q.set(k, v);
  const s = q.toString();
  history.replaceState(null, '', location.pathname + (s ? `?${s}` : ''));
}

/** Asks before a change; resolves true when confirmed. Keyboard: Escape cancels, focus starts on Cancel. */
export function confirm(message, action = 'Delete') {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-message' },
      h('p', { id: 'confirm-message' }, message));
    const cancel = h('button', { type: 'button', class: 'secondary', id: 'confirm-cancel' }, 'Cancel');
    const ok = h('button', { type: 'button', class: 'danger', id: 'confirm-ok' }, action);
    dialog.append(h('div', { class: 'buttons' }, cancel, ok));
    const done = (v) => { dialog.close(); dialog.remove(); resolve(v); };
    cancel.addEventListener('click', () => done(false));
    ok.addEventListener('click', () => done(true));
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(false); });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

let toastTimer;
/** A short message at the bottom of the screen (also read by screen readers). */
export function toast(message, error = false) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.className = error ? 'show error' : 'show';
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.className = ''; }, 6000);
}

/** Runs an action and reports its error as a message instead of losing it. */
export async function attempt(fn, done) {
  try {
    const r = await fn();
    if (done) toast(done);
    return r;
  } catch (e) {
    toast(e.message || String(e), true);
    return undefined;
  }
}

export function errorBox(e) {
  return h('p', { class: 'error', role: 'alert' }, e.status === 404 ? 'Not found in this account.' : e.message);
}

export function link(href, text, label) {
  return h('a', { href, 'aria-label': label }, text);
}

/**
 * The way back from a details page to its list: a link at the top, and Escape anywhere on the page
 * except in a field, a player or a dialog (where Escape has its own meaning). It goes back to the
 * list as it was filtered when the visitor came from it.
 */
export function backTo(listPath, label) {
  let href = listPath;
  try {
    const from = new URL(document.referrer);
    if (from.origin === location.origin && from.pathname.replace(/\/$/, '') === listPath) href = from.pathname + from.search;
  } catch { /* no referrer */ }
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    if (document.querySelector('dialog[open]')) return;
    if (e.target instanceof Element && e.target.closest('input, textarea, select, video, audio, dialog')) return;
    e.preventDefault();
    location.assign(href);
  });
  return h('p', { class: 'back' }, h('a', { href, id: 'back', 'aria-keyshortcuts': 'Escape' }, `← ${label}`),
    h('span', { class: 'meta' }, ' (Esc)'));
}
