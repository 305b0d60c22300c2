// Archives of the account's video projects (the archive API): status refreshed while shown,
// download while available, stop one recording, delete.
import { api } from './api.js';
import { h, fill, page, table, confirm, attempt, errorBox, badge } from './ui.js';
import { every, REFRESH_MS } from './live.js';
import { dateTime, duration, bytes } from './format.js';

export async function list() {
  const projects = await api.all('/v1/Projects', 'projects', {}, 100);
  if (!projects.length) {
    page('Archives', h('p', { class: 'empty' }, 'This account has no video project, so it has no archive.'));
    return;
  }
  const sections = projects.map((p) => ({ p, el: h('div', { id: `archives-${p.id}` }) }));
  page('Archives', ...sections.map(({ p, el }) => h('section', {}, h('h2', {}, `Project ${p.id}`), el)));
  every(REFRESH_MS, () => Promise.all(sections.map(({ p, el }) => refresh(p, el))));
}

async function refresh(p, el) {
  const base = `/v2/project/${p.id}/archive`;
  try {
    const r = await api.get(base, { count: 200 });
    fill(el, h('p', { class: 'meta' }, `${r.count} archive${r.count === 1 ? '' : 's'}`), table(`Archives of ${p.id}`, [
      { label: 'Name', cell: (a) => a.name || a.id },
      { label: 'Session', cell: (a) => a.sessionId },
      { label: 'Status', cell: (a) => badge(a.status) },
      { label: 'Mode', cell: (a) => a.outputMode },
      { label: 'Created', cell: (a) => dateTime(new Date(a.createdAt).toISOString()) },
      { label: 'Duration', cell: (a) => duration(a.duration) },
      { label: 'Size', cell: (a) => bytes(a.size) },
      { label: 'Actions', cell: (a) => h('span', { class: 'row-actions' },
        a.url ? h('a', { href: a.url, download: '', 'aria-label': `Download archive ${a.name || a.id}` }, 'Download') : null,
        a.status === 'started' ? h('button', { type: 'button', class: 'secondary',
          'aria-label': `Stop archive ${a.name || a.id}`,
          onclick: async () => { await attempt(() => api.postJson(`${base}/${a.id}/stop`), 'Archive stopped'); refresh(p, el); } },
          'Stop') : null,
        a.status === 'available' || a.status === 'uploaded' ? h('button', { type: 'button', class: 'danger',
          'aria-label': `Delete archive ${a.name || a.id}`, onclick: async () => {
          if (!await confirm(`Delete archive ${a.name || a.id}? Its file is removed.`)) return;
          await attempt(() => api.del(`${base}/${a.id}`), 'Archive deleted');
          refresh(p, el);
        } }, 'Delete') : null) },
    ], r.items, 'No archive in this project.'));
  } catch (e) {
    fill(el, errorBox(e));
  }
}
