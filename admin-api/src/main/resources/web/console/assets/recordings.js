// Recordings: the log with filters (time, room, participant, status, kind), refreshed while it is
// shown; one recording's details with its player; download, delete, and delete everything a
// filter matches.
import { api, ApiError } from './api.js';
import { h, fill, page, table, details, filterForm, query, setQuery, confirm, errorBox, badge, link, toast, backTo } from './ui.js';
import { every, REFRESH_MS } from './live.js';
import { dateTime, duration, bytes, isoFromLocal } from './format.js';
import { roomName, identity, resolveRoom, resolveParticipant } from './names.js';

const PAGE = 50;

const FIELDS = [
  { name: 'after', label: 'Created after', type: 'datetime-local' },
  { name: 'before', label: 'Created before', type: 'datetime-local' },
  { name: 'room', label: 'Room (name or RM SID)', placeholder: 'any room' },
  { name: 'participant', label: 'Participant (identity or PA SID)', placeholder: 'anyone' },
  { name: 'status', label: 'Status', type: 'select', options: [['', 'Any (not deleted)'], ['processing', 'Processing'],
    ['completed', 'Completed'], ['failed', 'Failed'], ['deleted', 'Deleted']] },
  { name: 'kind', label: 'Kind', type: 'select', options: [['', 'Any'], ['audio', 'Audio'], ['video', 'Video'], ['data', 'Data']] },
];

/** The API's query for the page's filters; a room or participant given by name is looked up. */
async function apiQuery(v) {
  const grouping = [];
  const room = v.room ? await resolveRoom(v.room) : null;
  if (room) grouping.push(room);
  if (v.participant) grouping.push(await resolveParticipant(v.participant, room));
  return { Status: v.status, MediaType: v.kind, GroupingSid: grouping,
    DateCreatedAfter: isoFromLocal(v.after), DateCreatedBefore: isoFromLocal(v.before) };
}

export async function list() {
  let values = query();
  let limit = PAGE;
  const results = h('div', { id: 'recordings' });
  const summary = h('p', { id: 'recordings-summary', class: 'meta' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => { limit += PAGE; refresh(); } },
    'Show more');
  const bulk = h('button', { type: 'button', class: 'danger', id: 'bulk-delete', onclick: () => bulkDelete(values) },
    'Delete everything these filters match…');
  const filters = filterForm(FIELDS, values, (v) => { values = v; limit = PAGE; setQuery(v); refresh(); });

  async function refresh() {
    try {
      const q = await apiQuery(values);
      const items = await api.all('/v1/Recordings', 'recordings', { ...q, PageSize: PAGE }, limit + 1);
      const shown = items.slice(0, limit);
      more.hidden = items.length <= limit;
      summary.textContent = `${shown.length}${items.length > limit ? '+' : ''} recording${shown.length === 1 ? '' : 's'} shown`;
      fill(results, await recordingTable(shown));
    } catch (e) {
      summary.textContent = '';
      fill(results, errorBox(e));
    }
  }

  page('Recordings', filters, h('div', { class: 'toolbar' }, summary, bulk), results, more);
  every(REFRESH_MS, refresh);
}

async function recordingTable(items) {
  const rooms = await Promise.all(items.map((r) => roomName(r.grouping_sids.room_sid)));
  const people = await Promise.all(items.map((r) => identity(r.grouping_sids.room_sid, r.grouping_sids.participant_sid)));
  const rows = items.map((r, i) => ({ ...r, room: rooms[i], who: people[i] }));
  return table('Recordings', [
    { label: 'Recording', cell: (r) => link(`/console/recordings/${r.sid}`, r.sid) },
    { label: 'Room', cell: (r) => link(`/console/rooms/${r.grouping_sids.room_sid}`, r.room) },
    { label: 'Participant', cell: (r) => r.who },
    { label: 'Kind', cell: (r) => `${r.type} (${r.codec})` },
    { label: 'Status', cell: (r) => badge(r.status) },
    { label: 'Created', cell: (r) => dateTime(r.date_created) },
    { label: 'Duration', cell: (r) => duration(r.duration) },
    { label: 'Size', cell: (r) => bytes(r.size) },
    { label: 'Actions', cell: (r) => r.status === 'completed' ? h('span', { class: 'row-actions' },
      link(`/console/recordings/${r.sid}`, 'Play', `Play ${r.sid}`),
      h('a', { href: mediaPath(r.sid, false), download: '' , 'aria-label': `Download ${r.sid}` }, 'Download')) : '' },
  ], rows, 'No recording matches these filters.');
}

function mediaPath(sid, inline) {
  return `/v1/Recordings/${sid}/Media` + (inline ? '?ContentDisposition=inline' : '');
}

/** Deletes every recording the filters match now, after saying how many that is. */
async function bulkDelete(values) {
  let targets;
  try {
    const q = await apiQuery(values);
    targets = await api.all('/v1/Recordings', 'recordings', { ...q, PageSize: 100 });
  } catch (e) {
    toast(e.message, true);
    return;
  }
  const deletable = targets.filter((r) => r.status === 'completed' || r.status === 'failed');
  if (!deletable.length) {
    toast(targets.length ? 'None of the matching recordings can be deleted (still processing or deleted).'
      : 'No recording matches these filters.', !targets.length ? false : true);
    return;
  }
  const skipped = targets.length - deletable.length;
  const message = `Delete ${deletable.length} recording${deletable.length === 1 ? '' : 's'} matching these filters?`
    + (skipped ? ` ${skipped} more match but cannot be deleted now (processing or already deleted).` : '')
    + ' Their media files are removed and cannot be recovered.';
  if (!await confirm(message, `Delete ${deletable.length}`)) return;
  let done = 0;
  const failed = [];
  for (const r of deletable) {
    try {
      await api.del(`/v1/Recordings/${r.sid}`);
      done++;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return;
      failed.push(`${r.sid}: ${e.message}`);
    }
  }
  toast(`Deleted ${done} recording${done === 1 ? '' : 's'}` + (failed.length ? `; ${failed.length} failed (${failed[0]})` : ''),
    failed.length > 0);
}

export async function one(sid) {
  let r;
  try {
    r = await api.get(`/v1/Recordings/${sid}`);
  } catch (e) {
    page('Recording', backTo('/console/recordings', 'Recordings'), errorBox(e));
    return;
  }
  const info = h('div', { id: 'recording-details' });
  const player = h('div', { id: 'player' });
  const actions = h('p', { class: 'actions' });
  page(`Recording ${sid}`, backTo('/console/recordings', 'Recordings'), player, actions, info);
  let shownStatus = null;
  every(REFRESH_MS, async () => {
    if (shownStatus && shownStatus !== 'processing') return;
    r = await api.get(`/v1/Recordings/${sid}`);
    const [room, who] = await Promise.all([roomName(r.grouping_sids.room_sid),
      identity(r.grouping_sids.room_sid, r.grouping_sids.participant_sid)]);
    fill(info, details([
      ['SID', r.sid], ['Status', badge(r.status)], ['Room', link(`/console/rooms/${r.grouping_sids.room_sid}`, room)],
      ['Participant', who], ['Track', `${r.track_name} (${r.source_sid})`], ['Kind', r.type], ['Codec', r.codec],
      ['Container', r.container_format], ['Created', dateTime(r.date_created)], ['Duration', duration(r.duration)],
      ['Size', bytes(r.size)], ['Offset', `${r.offset} ms`], ['Packets lost', r.packets_lost],
      ['Packets dropped', r.packets_dropped], ['Stored at', r.media_external_location || 'this server\'s media store'],
      ['Deleted', r.date_deleted ? dateTime(r.date_deleted) : null],
    ]));
    if (r.status !== shownStatus) {
      shownStatus = r.status;
      showPlayer(r, player, actions);
    }
  });
}

function showPlayer(r, player, actions) {
  if (r.status !== 'completed') {
    fill(player, h('p', { class: 'meta' }, r.status === 'processing'
      ? 'Still recording: the player appears when the recording completes.' : `No media: the recording is ${r.status}.`));
    fill(actions);
    return;
  }
  const media = h(r.type === 'audio' ? 'audio' : 'video', { id: 'media', controls: true, preload: 'metadata',
    src: mediaPath(r.sid, true), 'aria-label': `Recording ${r.sid}` });
  fill(player, media);
  fill(actions,
    h('a', { class: 'button', href: mediaPath(r.sid, false), download: '', id: 'download' }, 'Download'),
    h('button', { type: 'button', class: 'danger', id: 'delete', onclick: async () => {
      if (!await confirm(`Delete recording ${r.sid}? Its media file is removed and cannot be recovered.`)) return;
      try {
        await api.del(`/v1/Recordings/${r.sid}`);
        location.assign('/console/recordings');
      } catch (e) {
        toast(e.message, true);
      }
    } }, 'Delete'));
}
