// Composition hooks: what composes every room of the account when it ends. List, switch on and
// off, delete, and create one.
import { api } from './api.js';
import { h, fill, page, table, confirm, attempt, errorBox, badge, toast } from './ui.js';
import { dateTime } from './format.js';

/** The full replacement a POST /v1/CompositionHooks/{Sid} needs, from a hook as it is, with changes. */
function replacement(hook, changes) {
  const layout = hook.video_layout && Object.keys(hook.video_layout).length ? JSON.stringify(hook.video_layout) : '';
  return { FriendlyName: hook.friendly_name, Enabled: String(hook.enabled), VideoLayout: layout,
    AudioSources: hook.audio_sources || [], AudioSourcesExcluded: hook.audio_sources_excluded || [],
    Resolution: hook.resolution, Format: hook.format, Trim: String(hook.trim),
    StatusCallback: hook.status_callback, StatusCallbackMethod: hook.status_callback ? hook.status_callback_method : '',
    ...changes };
}

export async function list() {
  const results = h('div', { id: 'hooks' });
  async function refresh() {
    try {
      const hooks = await api.all('/v1/CompositionHooks', 'composition_hooks', { PageSize: 100 }, 500);
      fill(results, table('Composition hooks', [
        { label: 'Name', cell: (k) => k.friendly_name },
        { label: 'Enabled', cell: (k) => badge(k.enabled ? 'enabled' : 'disabled') },
        { label: 'Layout', cell: (k) => Object.keys(k.video_layout || {}).join(', ') || 'audio only' },
        { label: 'Audio', cell: (k) => (k.audio_sources || []).join(', ') || '—' },
        { label: 'Output', cell: (k) => `${k.format} ${k.resolution}` },
        { label: 'Created', cell: (k) => dateTime(k.date_created) },
        { label: 'Actions', cell: (k) => h('span', { class: 'row-actions' },
          h('button', { type: 'button', class: 'secondary', onclick: async () => {
            await attempt(() => api.post(`/v1/CompositionHooks/${k.sid}`, replacement(k, { Enabled: String(!k.enabled) })),
              k.enabled ? 'Hook switched off' : 'Hook switched on');
            refresh();
          }, 'aria-label': `${k.enabled ? 'Switch off' : 'Switch on'} hook ${k.friendly_name}` }, k.enabled ? 'Switch off' : 'Switch on'),
          h('button', { type: 'button', class: 'danger', onclick: async () => {
            if (!await confirm(`Delete hook “${k.friendly_name}”? Rooms that end later are no longer composed by it.`)) return;
            await attempt(() => api.del(`/v1/CompositionHooks/${k.sid}`), 'Hook deleted');
            refresh();
          }, 'aria-label': `Delete hook ${k.friendly_name}` }, 'Delete')) },
      ], hooks, 'No hook: rooms are composed only when asked.'));
    } catch (e) {
      fill(results, errorBox(e));
    }
  }
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const form = h('form', { class: 'stacked', id: 'new-hook' },
    field('hook-name', 'Name', h('input', { id: 'hook-name', name: 'FriendlyName', required: true, maxlength: '100' })),
    field('hook-layout', 'Video layout (JSON; empty for audio only)', h('textarea', { id: 'hook-layout', name: 'VideoLayout', rows: '4',
      spellcheck: 'false' }, '{"grid": {"video_sources": ["*"]}}')),
    field('hook-audio', 'Audio sources (comma separated)', h('input', { id: 'hook-audio', name: 'AudioSources', value: '*' })),
    field('hook-resolution', 'Resolution', h('input', { id: 'hook-resolution', name: 'Resolution', value: '640x480' })),
    field('hook-format', 'Format', h('select', { id: 'hook-format', name: 'Format' }, h('option', { value: 'webm' }, 'WebM'),
      h('option', { value: 'mp4' }, 'MP4'))),
    error, h('div', { class: 'buttons' }, h('button', { type: 'submit' }, 'Create hook')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    try {
      await api.post('/v1/CompositionHooks', { FriendlyName: form.FriendlyName.value.trim(), VideoLayout: form.VideoLayout.value.trim(),
        AudioSources: form.AudioSources.value.split(',').map((s) => s.trim()).filter(Boolean),
        Resolution: form.Resolution.value.trim(), Format: form.Format.value });
      toast('Hook created');
      form.reset();
      refresh();
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    }
  });
  page('Composition hooks', h('p', { class: 'meta' }, 'Each enabled hook composes every room of the account that ends with recordings.'),
    results, h('h2', {}, 'New hook'), form);
  refresh();
}

function field(id, label, input) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}
