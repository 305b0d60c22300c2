// Rooms: the ones in progress (participants, their tracks, live bit rates, who is recording)
// refreshed every few seconds, the history with filters, and one room's details.
import { api } from './api.js';
import { h, fill, page, table, details, filterForm, query, setQuery, confirm, attempt, errorBox, badge, link, backTo } from './ui.js';
import { every, REFRESH_MS } from './live.js';
import { dateTime, duration, kbps, isoFromLocal } from './format.js';

export async function list() {
  const live = h('section', { 'aria-labelledby': 'live-heading' }, h('h2', { id: 'live-heading' }, 'In progress'),
    h('div', { id: 'live-rooms' }, h('p', { class: 'empty' }, 'Loading…')));
  const history = h('div', { id: 'room-history' });
  const values = query();
  const filters = filterForm([
    { name: 'name', label: 'Room name' },
    { name: 'status', label: 'Status', type: 'select', options: [['completed', 'Completed'], ['in-progress', 'In progress']] },
    { name: 'after', label: 'Created after', type: 'datetime-local' },
    { name: 'before', label: 'Created before', type: 'datetime-local' },
  ], values, (v) => { setQuery(v); loadHistory(history, v); });
  page('Rooms', live, h('section', { 'aria-labelledby': 'history-heading' },
    h('h2', { id: 'history-heading' }, 'History'), filters, history));
  every(REFRESH_MS, () => refreshLive(document.getElementById('live-rooms')));
  loadHistory(history, values);
}

async function loadHistory(el, v) {
  try {
    const rooms = (await api.page('/v1/Rooms', 'rooms', { Status: v.status || 'completed', UniqueName: v.name,
      DateCreatedAfter: isoFromLocal(v.after), DateCreatedBefore: isoFromLocal(v.before), PageSize: 50 })).items;
    fill(el, table('Rooms', [
      { label: 'Room', cell: (r) => link(`/console/rooms/${r.sid}`, r.unique_name || r.sid) },
      { label: 'Status', cell: (r) => badge(r.status) },
      { label: 'Created', cell: (r) => dateTime(r.date_created) },
      { label: 'Duration', cell: (r) => duration(r.duration) },
      { label: 'Type', cell: (r) => r.type },
    ], rooms, 'No room matches these filters.'));
  } catch (e) {
    fill(el, errorBox(e));
  }
}

/** Participants connected now with their tracks' bit rates, and the recordings being written. */
async function participantsOf(room) {
  const [participants, recording] = await Promise.all([
    api.all(`/v1/Rooms/${room.sid}/Participants`, 'participants', { Status: 'connected' }, 200),
    api.all('/v1/Recordings', 'recordings', { Status: 'processing', GroupingSid: room.sid }, 500),
  ]);
  const tracks = await Promise.all(participants.map((p) =>
    api.all(`/v1/Rooms/${room.sid}/Participants/${p.sid}/PublishedTracks`, 'published_tracks', {}, 50)));
  return participants.map((p, i) => ({ ...p, tracks: tracks[i],
    recording: recording.filter((r) => r.grouping_sids && r.grouping_sids.participant_sid === p.sid) }));
}

async function refreshLive(el) {
  const rooms = await api.all('/v1/Rooms', 'rooms', { Status: 'in-progress' }, 100);
  const withPeople = await Promise.all(rooms.map(async (r) => ({ room: r, participants: await participantsOf(r) })));
  if (!withPeople.length) {
    fill(el, h('p', { class: 'empty' }, 'No room is in progress.'));
    return;
  }
  fill(el, withPeople.map(({ room, participants }) => liveRoom(room, participants)));
}

function liveRoom(room, participants) {
  return h('article', { class: 'card live-room', dataset: { sid: room.sid } },
    h('header', {},
      h('h3', {}, link(`/console/rooms/${room.sid}`, room.unique_name || room.sid)),
      h('span', { class: 'meta' }, `${participants.length} connected · since ${dateTime(room.date_created)}`),
      h('button', { type: 'button', class: 'danger', 'aria-label': `End room ${room.unique_name || room.sid}`,
        onclick: () => endRoom(room) }, 'End room')),
    participantTable(room, participants));
}

function participantTable(room, participants) {
  return table(`Participants of ${room.unique_name || room.sid}`, [
    { label: 'Identity', cell: (p) => p.identity },
    { label: 'Tracks', cell: (p) => h('ul', { class: 'tracks' }, p.tracks.map((t) =>
      h('li', {}, `${t.kind} “${t.name}” `, h('span', { class: 'rate', dataset: { track: t.sid } }, kbps(t.bitrate)))) ) },
    { label: 'Recording', cell: (p) => p.recording.length
      ? h('span', { class: 'recording' }, `● ${p.recording.map((r) => r.type).join(' + ')}`) : 'no' },
    { label: 'Joined', cell: (p) => dateTime(p.start_time || p.date_created) },
    { label: '', cell: (p) => h('button', { type: 'button', class: 'secondary',
      'aria-label': `Remove ${p.identity}`, onclick: () => removeParticipant(room, p) }, 'Remove') },
  ], participants, 'Nobody is connected.');
}

async function endRoom(room) {
  if (!await confirm(`End room “${room.unique_name || room.sid}”? Everyone in it is disconnected.`, 'End room')) return;
  await attempt(() => api.post(`/v1/Rooms/${room.sid}`, { Status: 'completed' }), 'Room ended');
}

async function removeParticipant(room, p) {
  if (!await confirm(`Remove ${p.identity} from the room?`, 'Remove')) return;
  await attempt(() => api.post(`/v1/Rooms/${room.sid}/Participants/${p.sid}`, { Status: 'disconnected' }),
    `${p.identity} removed`);
}

export async function one(sid) {
  let room;
  try {
    room = await api.get(`/v1/Rooms/${sid}`);
  } catch (e) {
    page('Room', backTo('/console/rooms', 'Rooms'), errorBox(e));
    return;
  }
  const people = h('div', { id: 'room-participants' });
  const recs = h('div', { id: 'room-recordings' });
  const actions = h('p', { class: 'actions' },
    h('a', { class: 'button', href: `/console/recordings?room=${sid}` }, 'Recordings of this room'),
    h('a', { class: 'button', href: `/console/compositions/new?room=${sid}` }, 'Compose this room'),
    room.status === 'in-progress'
      ? h('button', { type: 'button', class: 'danger', onclick: () => endRoom(room) }, 'End room') : null);
  page(`Room ${room.unique_name || room.sid}`, backTo('/console/rooms', 'Rooms'), details([
    ['SID', room.sid], ['Status', badge(room.status)], ['Type', room.type],
    ['Created', dateTime(room.date_created)], ['Ended', dateTime(room.end_time)], ['Duration', duration(room.duration)],
    ['Max participants', room.max_participants],
  ]), actions, h('h2', {}, 'Participants'), people, h('h2', {}, 'Recordings'), recs);
  every(REFRESH_MS, async () => {
    const [ps, rs] = await Promise.all([
      api.all(`/v1/Rooms/${sid}/Participants`, 'participants', {}, 500),
      api.all(`/v1/Rooms/${sid}/Recordings`, 'recordings', {}, 500),
    ]);
    fill(people, table('Participants', [
      { label: 'Identity', cell: (p) => p.identity }, { label: 'Status', cell: (p) => badge(p.status) },
      { label: 'Joined', cell: (p) => dateTime(p.start_time) }, { label: 'Left', cell: (p) => dateTime(p.end_time) },
      { label: 'Duration', cell: (p) => duration(p.duration) },
    ], ps, 'Nobody joined this room.'));
    fill(recs, table('Recordings of the room', [
      { label: 'Recording', cell: (r) => link(`/console/recordings/${r.sid}`, r.sid) },
      { label: 'Kind', cell: (r) => r.type }, { label: 'Track', cell: (r) => r.track_name },
      { label: 'Status', cell: (r) => badge(r.status) }, { label: 'Duration', cell: (r) => duration(r.duration) },
    ], rs, 'Nothing was recorded.'));
  });
}
