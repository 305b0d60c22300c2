// Compositions: the log with filters, details with progress and player, download, delete, and
// the form that composes a room with a layout from presets or JSON, previewed before it is made.
import { api } from './api.js';
import { h, fill, page, table, details, filterForm, query, setQuery, confirm, errorBox, badge, link, toast, backTo } from './ui.js';
import { every, REFRESH_MS, PROGRESS_MS } from './live.js';
import { dateTime, duration, bytes, isoFromLocal } from './format.js';
import { roomName, resolveRoom } from './names.js';
import { draw } from './layout-preview.js';

export async function list() {
  let values = query();
  const results = h('div', { id: 'compositions' });
  const filters = filterForm([
    { name: 'after', label: 'Created after', type: 'datetime-local' },
    { name: 'before', label: 'Created before', type: 'datetime-local' },
    { name: 'room', label: 'Room (name or RM SID)', placeholder: 'any room' },
    { name: 'status', label: 'Status', type: 'select', options: [['', 'Any (not deleted)'], ['enqueued', 'Enqueued'],
      ['processing', 'Processing'], ['completed', 'Completed'], ['failed', 'Failed'], ['deleted', 'Deleted']] },
  ], values, (v) => { values = v; setQuery(v); refresh(); });
  async function refresh() {
    try {
      const items = await api.all('/v1/Compositions', 'compositions', { Status: values.status,
        RoomSid: values.room ? await resolveRoom(values.room) : '', DateCreatedAfter: isoFromLocal(values.after),
        DateCreatedBefore: isoFromLocal(values.before), PageSize: 100 }, 200);
      const names = await Promise.all(items.map((c) => roomName(c.room_sid)));
      fill(results, table('Compositions', [
        { label: 'Composition', cell: (c) => link(`/console/compositions/${c.sid}`, c.sid) },
        { label: 'Room', cell: (c) => link(`/console/rooms/${c.room_sid}`, names[items.indexOf(c)]) },
        { label: 'Status', cell: (c) => badge(c.status) },
        { label: 'Progress', cell: (c) => progressOf(c) || '—' },
        { label: 'Created', cell: (c) => dateTime(c.date_created) },
        { label: 'Format', cell: (c) => `${c.format} ${c.resolution}` },
        { label: 'Duration', cell: (c) => duration(c.duration) },
        { label: 'Size', cell: (c) => bytes(c.size) },
        { label: 'Actions', cell: (c) => c.status === 'completed' ? h('span', { class: 'row-actions' },
          link(`/console/compositions/${c.sid}`, 'Play', `Play ${c.sid}`),
          h('a', { href: mediaPath(c.sid, false), download: '', 'aria-label': `Download ${c.sid}` }, 'Download')) : '' },
      ], items, 'No composition matches these filters.'));
    } catch (e) {
      fill(results, errorBox(e));
    }
  }
  page('Compositions', h('p', { class: 'actions' }, h('a', { class: 'button', href: '/console/compositions/new', id: 'new-composition' },
    'Compose a room…')), filters, results);
  every(REFRESH_MS, refresh);
}

/**
 * How far a composition waiting or being composed has got: a progress bar named after it, with the
 * percentage as text for those who cannot see the bar; null once it is no longer running.
 */
function progressOf(c, id) {
  if (c.status !== 'enqueued' && c.status !== 'processing') return null;
  const p = Number.isInteger(c.progress) ? c.progress : 0;
  return h('span', { class: 'progress' },
    h('progress', { id, max: '100', value: String(p), 'aria-label': `Progress of composition ${c.sid}` }),
    h('span', { class: 'meta' }, ` ${p} %`));
}

function mediaPath(sid, inline) {
  return `/v1/Compositions/${sid}/Media` + (inline ? '?ContentDisposition=inline' : '');
}

export async function one(sid) {
  const info = h('div', { id: 'composition-details' });
  const player = h('div', { id: 'player' });
  const actions = h('p', { class: 'actions' });
  page(`Composition ${sid}`, backTo('/console/compositions', 'Compositions'), player, actions, info);
  let shown = null;
  // Faster than the lists: the progress bar moves while it composes.
  every(PROGRESS_MS, async () => {
    if (shown === 'completed' || shown === 'deleted' || shown === 'failed') return;
    let c;
    try {
      c = await api.get(`/v1/Compositions/${sid}`);
    } catch (e) {
      fill(info, errorBox(e));
      shown = 'failed';
      return;
    }
    fill(info, details([
      ['SID', c.sid], ['Status', h('span', { id: 'composition-status' }, badge(c.status))],
      ['Progress', progressOf(c, 'composition-progress') || (c.status === 'completed' ? '100 %' : '—')],
      ['Room', link(`/console/rooms/${c.room_sid}`, await roomName(c.room_sid))],
      ['Created', dateTime(c.date_created)], ['Completed', dateTime(c.date_completed)],
      ['Format', c.format], ['Resolution', c.resolution], ['Trim', String(c.trim)],
      ['Duration', duration(c.duration)], ['Size', bytes(c.size)], ['Bit rate', c.bitrate ? `${c.bitrate} kbit/s` : '—'],
      ['Audio sources', (c.audio_sources || []).join(', ') || '—'],
      ['Video layout', h('pre', {}, JSON.stringify(c.video_layout, null, 1))],
    ]));
    if (c.status !== shown) {
      shown = c.status;
      fill(player, c.status === 'completed'
        ? h('video', { id: 'media', controls: true, preload: 'metadata', src: mediaPath(c.sid, true), 'aria-label': `Composition ${c.sid}` })
        : h('p', { class: 'meta' }, c.status === 'enqueued' ? 'Waiting: a composition starts once its room has ended and its recordings are written.'
          : c.status === 'processing' ? 'Composing now…' : `No media: the composition is ${c.status}.`));
      const del = (c.status === 'completed' || c.status === 'enqueued') ? h('button', { type: 'button', class: 'danger', id: 'delete',
        onclick: async () => {
          if (!await confirm(c.status === 'enqueued' ? `Cancel composition ${c.sid}?` : `Delete composition ${c.sid}? Its media file is removed.`)) return;
          try { await api.del(`/v1/Compositions/${c.sid}`); location.assign('/console/compositions'); } catch (e) { toast(e.message, true); }
        } }, c.status === 'enqueued' ? 'Cancel' : 'Delete') : null;
      fill(actions, c.status === 'completed' ? h('a', { class: 'button', href: mediaPath(c.sid, false), download: '' }, 'Download') : null, del);
    }
  });
}

/** Layout presets for a canvas of w×h; each is the VideoLayout JSON the API takes. */
export function presets(w, h2) {
  const strip = Math.max(16, Math.round(h2 / 4 / 2) * 2);
  const pipW = Math.max(16, Math.round(w / 4 / 2) * 2), pipH = Math.max(16, Math.round(h2 / 4 / 2) * 2);
  return {
    grid: { label: 'Grid: everyone in equal cells', layout: { grid: { video_sources: ['*'] } } },
    speaker: { label: 'Main picture with a strip below', layout: {
      main: { z_pos: 1, x_pos: 0, y_pos: 0, width: w, height: h2 - strip, max_rows: 1, max_columns: 1, reuse: 'show_oldest', video_sources: ['*'] },
      strip: { z_pos: 1, x_pos: 0, y_pos: h2 - strip, width: w, height: strip, max_rows: 1, reuse: 'show_newest', video_sources: ['*'] } } },
    pip: { label: 'Picture in picture', layout: {
      main: { z_pos: 1, max_rows: 1, max_columns: 1, reuse: 'show_oldest', video_sources: ['*'] },
      pip: { z_pos: 2, x_pos: w - pipW - 8, y_pos: h2 - pipH - 8, width: pipW, height: pipH, max_rows: 1, max_columns: 1,
        reuse: 'show_newest', video_sources: ['*'] } } },
    sequence: { label: 'One at a time, newest shown', layout: { sequence: { max_rows: 1, max_columns: 1, reuse: 'show_newest', video_sources: ['*'] } } },
    audio: { label: 'Audio only', layout: null },
  };
}

export async function create() {
  const q = query();
  const rooms = [...await api.all('/v1/Rooms', 'rooms', { Status: 'in-progress' }, 50),
    ...await api.all('/v1/Rooms', 'rooms', { Status: 'completed', PageSize: 50 }, 50)];
  const preview = h('div', { id: 'preview', 'aria-live': 'polite' }, h('p', { class: 'meta' }, 'Choose a room to see where each participant goes.'));
  const roomSelect = h('select', { id: 'room', name: 'RoomSid', required: true },
    h('option', { value: '' }, 'Choose a room…'),
    rooms.map((r) => h('option', { value: r.sid, selected: r.sid === q.room },
      `${r.unique_name || r.sid} · ${r.status} · ${dateTime(r.date_created)}`)));
  const preset = h('select', { id: 'preset', name: 'preset' },
    Object.entries(presets(640, 480)).map(([k, p]) => h('option', { value: k }, p.label)), h('option', { value: 'json' }, 'Written as JSON'));
  const json = h('textarea', { id: 'layout-json', name: 'VideoLayout', rows: '8', spellcheck: 'false' });
  const resolution = h('input', { id: 'resolution', name: 'Resolution', value: '640x480', pattern: '\\d+x\\d+' });
  const format = h('select', { id: 'format', name: 'Format' }, h('option', { value: 'webm' }, 'WebM (VP8 + Opus)'),
    h('option', { value: 'mp4' }, 'MP4 (H.264 + AAC)'));
  const audio = h('input', { id: 'audio-sources', name: 'AudioSources', value: '*' });
  const error = h('p', { class: 'error', role: 'alert', hidden: true, id: 'create-error' });
  const form = h('form', { id: 'create-composition', class: 'stacked' },
    h('div', { class: 'field' }, h('label', { for: 'room' }, 'Room'), roomSelect),
    h('div', { class: 'field' }, h('label', { for: 'resolution' }, 'Resolution (width x height)'), resolution),
    h('div', { class: 'field' }, h('label', { for: 'preset' }, 'Layout'), preset),
    h('div', { class: 'field' }, h('label', { for: 'layout-json' }, 'Video layout (JSON; empty for audio only)'), json),
    h('div', { class: 'field' }, h('label', { for: 'audio-sources' }, 'Audio sources (comma separated; * for all)'), audio),
    h('div', { class: 'field' }, h('label', { for: 'format' }, 'Format'), format),
    error,
    h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'secondary', id: 'preview-button', onclick: () => showPreview() }, 'Preview'),
      h('button', { type: 'submit', id: 'create-button' }, 'Create composition')));

  function dims() {
    const m = /^(\d+)x(\d+)$/.exec(resolution.value.trim());
    return m ? [Number(m[1]), Number(m[2])] : [640, 480];
  }
  function applyPreset() {
    if (preset.value === 'json') return;
    const p = presets(...dims())[preset.value];
    json.value = p.layout ? JSON.stringify(p.layout, null, 2) : '';
  }
  function params() {
    return { RoomSid: roomSelect.value, VideoLayout: json.value.trim(), Resolution: resolution.value.trim(), Format: format.value,
      AudioSources: audio.value.split(',').map((s) => s.trim()).filter(Boolean) };
  }
  let pending = 0;
  async function showPreview() {
    error.hidden = true;
    if (!roomSelect.value) return;
    const mine = ++pending;
    try {
      const p = await api.post('/v1/Compositions/Preview', params());
      if (mine === pending) draw(preview, p);
    } catch (e) {
      if (mine === pending) { fill(preview); error.textContent = e.message; error.hidden = false; }
    }
  }
  preset.addEventListener('change', () => { applyPreset(); showPreview(); });
  resolution.addEventListener('change', () => { applyPreset(); showPreview(); });
  roomSelect.addEventListener('change', showPreview);
  json.addEventListener('input', () => { preset.value = 'json'; });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    if (!roomSelect.value) { error.textContent = 'Choose a room to compose.'; error.hidden = false; roomSelect.focus(); return; }
    try {
      const c = await api.post('/v1/Compositions', params());
      location.assign(`/console/compositions/${c.sid}`);
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    }
  });
  applyPreset();
  page('Compose a room', h('div', { class: 'compose' }, form, h('section', { 'aria-labelledby': 'preview-heading' },
    h('h2', { id: 'preview-heading' }, 'Where each participant goes'), preview)));
  showPreview();
}
