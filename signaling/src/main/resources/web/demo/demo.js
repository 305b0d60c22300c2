// The demo page: join a room by name, see and hear everyone in it. Uses only the public SDK.
import { connect } from '/sdk/quorum.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
let devTokens = false;
let room = null;

$('room').value = params.get('room') || 'demo';
$('identity').value = params.get('identity') || 'guest-' + Math.random().toString(36).slice(2, 6);

function status(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
}

async function loadConfig() {
  try {
    devTokens = (await (await fetch('/demo/config.json')).json()).devTokens;
  } catch (e) {
    devTokens = false;
  }
  $('token-row').hidden = devTokens;
  $('token-hint').hidden = devTokens;
}

async function tokenFor(identity, roomName) {
  if (!devTokens) {
    const pasted = $('token').value.trim();
    if (!pasted) throw new Error('paste an access token first');
    return pasted;
  }
  const r = await fetch('/dev/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ identity, room: roomName }) });
  if (!r.ok) throw new Error('the server refused to mint a token: ' + (await r.text()));
  return (await r.json()).token;
}

function tileFor(participant) {
  let tile = document.querySelector(`[data-participant="${participant.sid}"]`);
  if (!tile) {
    tile = document.createElement('div');
    tile.className = 'tile remote';
    tile.dataset.participant = participant.sid;
    tile.innerHTML = '<video autoplay playsinline></video><div class="label"><span class="name"></span>'
      + '<span class="muted-badge" hidden>muted</span></div>';
    tile.querySelector('.name').textContent = participant.identity;
    $('tiles').appendChild(tile);
  }
  return tile;
}

function showMuted(tile, participant) {
  const audio = [...participant.tracks.values()].find(t => t.kind === 'audio');
  tile.querySelector('.muted-badge').hidden = !audio || audio.enabled;
}

function show(track, p) {
  if (!p) return;
  const tile = tileFor(p);
  if (track.kind === 'video') {
    const video = tile.querySelector('video');
    track.attach(video);
    track.adaptTo(video);
  } else if (!document.querySelector(`audio[data-track="${track.sid}"]`)) {
    const audio = track.attach();
    audio.dataset.track = track.sid;
    tile.appendChild(audio);
  }
}

function wire(r) {
  r.on('participantConnected', (p) => showMuted(tileFor(p), p));
  r.on('participantDisconnected', (p) => document.querySelector(`[data-participant="${p.sid}"]`)?.remove());
  r.on('trackSubscribed', show);
  r.on('trackUnsubscribed', (track, p) => {
    document.querySelector(`audio[data-track="${track.sid}"]`)?.remove();
  });
  for (const event of ['trackEnabled', 'trackDisabled', 'trackPublished', 'trackUnpublished']) {
    r.on(event, (t, p) => showMuted(tileFor(p), p));
  }
  r.on('dominantSpeakerChanged', (p) => {
    document.querySelectorAll('.tile.speaking').forEach(t => t.classList.remove('speaking'));
    if (p) tileFor(p).classList.add('speaking');
  });
  r.on('reconnecting', () => status('reconnecting…'));
  r.on('reconnected', () => status(`connected to ${r.name}`));
  r.on('warning', (e) => console.warn('quorum:', e.code, e.message));
  r.on('disconnected', (_, error) => {
    status(error ? `disconnected: ${error.message} (${error.code})` : 'left the room', Boolean(error));
    $('call').hidden = true;
    $('join-form').hidden = false;
    document.querySelectorAll('.tile.remote').forEach(t => t.remove());
    room = null;
    window.room = null;
  });
}

$('join-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('join').disabled = true;
  const roomName = $('room').value.trim();
  const identity = $('identity').value.trim();
  try {
    status('joining…');
    const token = await tokenFor(identity, roomName);
    room = await connect({ token, room: roomName, url: location.origin });
    window.room = room;
    wire(room);
    // Participants and tracks that arrived while connecting.
    for (const p of room.participants.values()) {
      showMuted(tileFor(p), p);
      for (const track of p.subscribedTracks.values()) show(track, p);
    }
    const camera = room.localParticipant.tracks.get('camera');
    if (camera) camera.attach($('local-video'));
    $('local-name').textContent = identity;
    $('room-name').textContent = `room ${room.name}`;
    $('join-form').hidden = true;
    $('call').hidden = false;
    status(`connected to ${room.name}`);
  } catch (err) {
    status(`could not join: ${err.message}` + (err.code ? ` (${err.code})` : ''), true);
  } finally {
    $('join').disabled = false;
  }
});

function toggle(button, trackName, onLabel, offLabel) {
  button.addEventListener('click', () => {
    const track = room?.localParticipant.tracks.get(trackName);
    if (!track) return;
    if (track.isEnabled) track.disable(); else track.enable();
    button.textContent = track.isEnabled ? onLabel : offLabel;
    button.classList.toggle('off', !track.isEnabled);
    if (trackName === 'microphone') document.querySelector('#local-tile .muted-badge').hidden = track.isEnabled;
  });
}
toggle($('mute-audio'), 'microphone', 'Mute microphone', 'Unmute microphone');
toggle($('mute-video'), 'camera', 'Stop camera', 'Start camera');
$('leave').addEventListener('click', () => room?.disconnect());

loadConfig();
if (params.get('autojoin') === '1') loadConfig().then(() => $('join-form').requestSubmit());
