// Quorum browser SDK: join a room, publish camera and microphone (with simulcast), receive the
// other participants' tracks. A plain ES module, no build step. Documented in docs/sdk.md; the
// wire protocol it speaks is docs/signaling.md.

const SDK = 'quorum-js/1';
const FINAL_CLOSE_CODES = new Set([1000, 4400, 4401, 4403, 4409, 4410, 4413]);
const SIMULCAST_LAYERS = [
  { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'f', maxBitrate: 1_500_000 },
];

/** A minimal event emitter: on/off/once. */
class Emitter {
  #handlers = new Map();
  on(event, fn) {
    if (!this.#handlers.has(event)) this.#handlers.set(event, new Set());
    this.#handlers.get(event).add(fn);
    return this;
  }
  off(event, fn) {
    this.#handlers.get(event)?.delete(fn);
    return this;
  }
  once(event, fn) {
    const wrapper = (...args) => { this.off(event, wrapper); fn(...args); };
    return this.on(event, wrapper);
  }
  emit(event, ...args) {
    for (const fn of [...(this.#handlers.get(event) || [])]) {
      try { fn(...args); } catch (e) { console.error(`quorum: '${event}' handler failed`, e); }
    }
  }
}

/** An error the server or the SDK reported: `code` (e.g. 20104), `name` (e.g. 'expired'). */
export class QuorumError extends Error {
  constructor(code, name, message) {
    super(message);
    this.code = code;
    this.name = 'QuorumError';
    this.reason = name;
  }
}

/** A track this client publishes. */
export class LocalTrack {
  constructor(room, kind, name, mediaStreamTrack) {
    this.room = room;
    this.kind = kind;
    this.name = name;
    this.mediaStreamTrack = mediaStreamTrack;
    this.sid = null;
    this.mid = null;
    this.isEnabled = true;
  }
  /** Stops sending media (the server tells everyone the track is disabled). */
  disable() { return this.#setEnabled(false); }
  /** Sends media again. */
  enable() { return this.#setEnabled(true); }
  #setEnabled(enabled) {
    this.isEnabled = enabled;
    this.mediaStreamTrack.enabled = enabled;
    if (this.sid) this.room._send({ type: 'setTrackEnabled', track: this.sid, enabled });
    return this;
  }
  /** Shows the track in a new (or the given) media element. */
  attach(element) { return attachTrack(this.mediaStreamTrack, element, true); }
}

/** A track of another participant, received from the server. */
export class RemoteTrack {
  constructor(room, info, mediaStreamTrack) {
    this.room = room;
    this.sid = info.trackSid;
    this.name = info.name;
    this.kind = info.kind;
    this.participantSid = info.participantSid;
    this.mid = info.mid;
    this.mediaStreamTrack = mediaStreamTrack;
    this.isEnabled = true;
    this.#observer = null;
  }
  #observer;
  /** Shows (or plays) the track in a new or the given media element. */
  attach(element) { return attachTrack(this.mediaStreamTrack, element, false); }
  /**
   * The largest size this client will render the video at; the server then sends the simulcast
   * layer that fits (0×0 pauses the video for this client).
   */
  setPreferredSize(maxWidth, maxHeight) {
    if (this.kind !== 'video') return this;
    this.#wanted = [Math.max(0, Math.round(maxWidth)), Math.max(0, Math.round(maxHeight))];
    // Resizes come in bursts (a window being dragged): send the last size, at most every 200 ms.
    if (!this.#flush) {
      this.#flush = setTimeout(() => {
        this.#flush = null;
        const [w, h] = this.#wanted;
        if (this.#sent && this.#sent[0] === w && this.#sent[1] === h) return;
        this.#sent = [w, h];
        this.room._send({ type: 'setVideoPreference', track: this.sid, maxWidth: w, maxHeight: h });
      }, this.#sent ? 200 : 0);
    }
    return this;
  }
  #wanted = null;
  #sent = null;
  #flush = null;
  /** Follows an element's rendered size with setPreferredSize (device pixels). */
  adaptTo(element) {
    this.#observer?.disconnect();
    this.#observer = new ResizeObserver(() => {
      const r = element.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      this.setPreferredSize(r.width * dpr, r.height * dpr);
    });
    this.#observer.observe(element);
    return this;
  }
  _detachObserver() { this.#observer?.disconnect(); }
}

/** This client in the room: `tracks` maps a track name to its `LocalTrack`. */
export class LocalParticipant {
  constructor(room) {
    this.sid = null;
    this.identity = null;
    this.tracks = new Map();
    this._room = room;
  }
  /**
   * Publishes one more track after connecting (a screen share, a canvas): resolves with its
   * `LocalTrack` (with `sid`) once the server answered. options: name (unique among this
   * client's tracks; default from the kind), simulcast (video only; default false).
   */
  publishTrack(mediaStreamTrack, options = {}) { return this._room._publishTrack(mediaStreamTrack, options); }
  /** Stops publishing the named track (it is not stopped: the caller owns it). */
  unpublishTrack(name) { return this._room._unpublishTrack(name); }
}

/** Someone else in the room. `tracks` maps track SID → {sid, name, kind, enabled, codec}. */
export class RemoteParticipant extends Emitter {
  constructor(info) {
    super();
    this.sid = info.sid;
    this.identity = info.identity;
    this.tracks = new Map();           // published tracks (publications), by SID
    this.subscribedTracks = new Map(); // RemoteTrack by SID, once media flows to this client
    for (const t of info.tracks || []) this.tracks.set(t.sid, { ...t });
  }
}

function attachTrack(track, element, muted) {
  const el = element || document.createElement(track.kind === 'video' ? 'video' : 'audio');
  el.autoplay = true;
  el.playsInline = true;
  if (muted) el.muted = true;
  el.srcObject = new MediaStream([track]);
  el.play?.().catch(() => {});
  return el;
}

/**
 * Joins a room and publishes the camera and microphone.
 *
 * options: token (required), room (unless the token grants one), url (the server's base URL,
 * default: where this module was loaded from), audio (true | false | MediaTrackConstraints |
 * MediaStreamTrack), video (same), simulcast (default true), names ({audio, video}),
 * reconnect (default true).
 */
export async function connect(options) {
  const room = new Room(options);
  await room._start();
  return room;
}

/** A joined room. Events: see docs/sdk.md. */
export class Room extends Emitter {
  constructor(options) {
    super();
    if (!options || !options.token) throw new QuorumError(20101, 'missing', 'an access token is required');
    this.options = {
      audio: true, video: true, simulcast: true, reconnect: true, reconnectTimeout: 60_000,
      qualityReportInterval: 10_000, ...options,
    };
    this.url = (options.url || new URL('..', import.meta.url).href).replace(/\/$/, '');
    this.sid = null;
    this.name = options.room || null;
    this.state = 'connecting';
    this.localParticipant = new LocalParticipant(this);
    this.participants = new Map();
    this.dominantSpeaker = null;
    this._socket = null;
    this._resume = null;          // {participantSid, resumeToken}
    this._publisher = null;
    this._subscriber = null;
    this._offers = Promise.resolve();
    // Bumped whenever the peer connections are closed: work queued for the old ones is dropped.
    this._generation = 0;
    this._midTracks = new Map();  // subscriber mid → RemoteTrack
    this._pendingPublish = null;
    this._publishing = Promise.resolve(); // publisher negotiations, one at a time
    this._pingTimer = null;
    this._qualityTimer = null;
    this._qualitySeen = null;     // {pc, counts: stats id → counters} of the last quality report
    this._lastHeard = 0;
    this._reconnectAttempt = 0;
    this._mediaLost = false;
    // A closed or abandoned page leaves at once rather than after the server's resume window.
    this._onPageHide = () => { if (this.state !== 'disconnected') this._send({ type: 'leave' }); };
  }

  /** Leaves the room; the server closes the connection. */
  disconnect() {
    if (this.state === 'disconnected') return;
    this._send({ type: 'leave' });
    this._finish(null, true);
  }

  /** The WebRTC statistics of both peer connections ({publisher, subscriber}). */
  async getStats() {
    return {
      publisher: this._publisher ? await this._publisher.getStats() : null,
      subscriber: this._subscriber ? await this._subscriber.getStats() : null,
    };
  }

  /**
   * Testing aid: drops the signaling socket as a network failure would (media keeps flowing), or
   * with media also the peer connections; the SDK then reconnects as it would after a real drop.
   */
  simulateConnectionLoss({ media = false } = {}) {
    if (media) {
      this._rejoinAfterMediaLoss('simulated loss');
    } else {
      this._socket?.close(4000, 'simulated loss');
    }
  }

  // ----------------------------------------------------------------------------------------
  // Start-up

  async _start() {
    const tracks = await this._localTracks();
    for (const t of tracks) this.localParticipant.tracks.set(t.name, t);
    try {
      const joined = await this._join(this.options.room);
      this._joined(joined);
      await this._publish();
    } catch (e) {
      // Nothing half-joined stays behind: leave (if joined), stop the camera and microphone.
      if (this.state === 'connected') this._send({ type: 'leave' });
      this._finish(e instanceof QuorumError ? e : new QuorumError(53000, 'connect_failed', String(e)));
      throw e;
    }
  }

  async _localTracks() {
    const want = (v) => v !== false && v !== undefined && v !== null;
    const given = (v) => typeof MediaStreamTrack !== 'undefined' && v instanceof MediaStreamTrack;
    const constraints = {};
    if (want(this.options.audio) && !given(this.options.audio)) constraints.audio = this.options.audio;
    if (want(this.options.video) && !given(this.options.video)) {
      constraints.video = this.options.video === true ? { width: 1280, height: 720 } : this.options.video;
    }
    const stream = (constraints.audio || constraints.video)
      ? await navigator.mediaDevices.getUserMedia(constraints) : new MediaStream();
    const names = { audio: 'microphone', video: 'camera', ...(this.options.names || {}) };
    const out = [];
    const audio = given(this.options.audio) ? this.options.audio : stream.getAudioTracks()[0];
    const video = given(this.options.video) ? this.options.video : stream.getVideoTracks()[0];
    if (audio) out.push(new LocalTrack(this, 'audio', names.audio, audio));
    if (video) out.push(new LocalTrack(this, 'video', names.video, video));
    return out;
  }

  /** Opens a socket, sends `first`, resolves with the joined/resumed message. */
  _open(first) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url.replace(/^http/, 'ws') + '/ws');
      this._socket = ws;
      let settled = false;
      ws.onopen = () => ws.send(JSON.stringify(first));
      ws.onmessage = (e) => {
        if (this._socket !== ws) return; // a socket given up on (the room was disconnected meanwhile)
        this._lastHeard = Date.now();
        const m = JSON.parse(e.data);
        if (!settled && (m.type === 'joined' || m.type === 'resumed')) {
          settled = true;
          resolve(m);
        } else if (!settled && m.type === 'error' && m.re && (m.re.type === 'join' || m.re.type === 'resume')) {
          settled = true;
          const error = new QuorumError(m.code, m.name, m.message);
          if (m.location) error.location = m.location;
          reject(error);
        } else {
          this._onMessage(m);
        }
      };
      ws.onclose = (e) => {
        if (!settled) {
          settled = true;
          reject(new QuorumError(e.code, 'closed', e.reason || 'the connection closed (' + e.code + ')'));
        }
        if (this._socket === ws) this._onSocketClosed(e);
      };
    });
  }

  /**
   * Sends `join`. A room in progress on another server sharing the database is refused with 53104
   * and that server's address (`location`): the join goes there, once.
   */
  async _join(room) {
    const join = { type: 'join', token: this.options.token, room, sdk: SDK };
    try {
      return await this._open(join);
    } catch (e) {
      const there = e instanceof QuorumError && e.code === 53104 && e.location ? e.location.replace(/\/$/, '') : null;
      if (!there || there === this.url) throw e;
      this.url = there;
      return await this._open(join);
    }
  }

  _joined(m) {
    this.sid = m.room.sid;
    this.name = m.room.name;
    this.localParticipant.sid = m.participant.sid;
    this.localParticipant.identity = m.participant.identity;
    this._resume = { participantSid: m.participant.sid, resumeToken: m.resumeToken };
    this.state = 'connected';
    this._lastHeard = Date.now();
    clearInterval(this._pingTimer);
    this._pingTimer = setInterval(() => this._keepAlive(), 10_000);
    clearInterval(this._qualityTimer);
    if (this.options.qualityReportInterval > 0) {
      this._qualityTimer = setInterval(() => this._reportQuality(), this.options.qualityReportInterval);
    }
    window.addEventListener('pagehide', this._onPageHide);
  }

  /**
   * Tells the server what this participant's receivers saw since the last report: video frames
   * decoded, freezes and their length, audio samples played and how many were concealed. The
   * server adds them to its meters, so operators see the calls' quality as the users saw it.
   */
  async _reportQuality() {
    const pc = this._subscriber;
    if (!pc || this.state !== 'connected') return;
    const stats = await pc.getStats();
    // Counters are per inbound stream and cumulative; a new peer connection starts them again.
    const before = this._qualitySeen?.pc === pc ? this._qualitySeen.counts : new Map();
    const counts = new Map();
    const sum = { framesDecoded: 0, freezes: 0, frozenMs: 0, audioSamples: 0, concealedSamples: 0 };
    stats.forEach(r => {
      if (r.type !== 'inbound-rtp') return;
      const c = r.kind === 'video'
        ? { framesDecoded: r.framesDecoded || 0, freezes: r.freezeCount || 0,
            frozenMs: Math.round((r.totalFreezesDuration || 0) * 1000) }
        : { audioSamples: r.totalSamplesReceived || 0, concealedSamples: r.concealedSamples || 0 };
      counts.set(r.id, c);
      const b = before.get(r.id) || {};
      for (const k of Object.keys(c)) sum[k] += Math.max(0, c[k] - (b[k] || 0));
    });
    this._qualitySeen = { pc, counts };
    sum.concealedSamples = Math.min(sum.concealedSamples, sum.audioSamples);
    if (pc === this._subscriber && Object.values(sum).some(v => v > 0)) this._send({ type: 'quality', ...sum });
  }

  _keepAlive() {
    if (this.state !== 'connected') return;
    if (Date.now() - this._lastHeard > 25_000) {
      this._socket?.close(4000, 'server silent');
      return;
    }
    this._send({ type: 'ping' });
  }

  _send(message) {
    if (this._socket && this._socket.readyState === WebSocket.OPEN) {
      this._socket.send(JSON.stringify(message));
    }
  }

  // ----------------------------------------------------------------------------------------
  // Publisher connection: this client offers, the server answers.

  async _publish() {
    if (this.localParticipant.tracks.size === 0) return; // receive-only participant
    this._createPublisher();
    const stream = new MediaStream([...this.localParticipant.tracks.values()].map(t => t.mediaStreamTrack));
    for (const t of this.localParticipant.tracks.values()) this._addToPublisher(t, stream);
    await this._negotiatePublisher();
  }

  _createPublisher() {
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    this._publisher = pc;
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed' && this._publisher === pc) this._mediaFailed();
    };
  }

  _addToPublisher(t, stream) {
    const init = { direction: 'sendonly', streams: [stream] };
    const simulcast = t._simulcast ?? this.options.simulcast;
    if (t.kind === 'video' && simulcast) init.sendEncodings = SIMULCAST_LAYERS.map(l => ({ ...l }));
    t.transceiver = this._publisher.addTransceiver(t.mediaStreamTrack, init);
  }

  /** Offers the publisher connection's current tracks and applies the server's answer. */
  async _negotiatePublisher() {
    const pc = this._publisher;
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const trackNames = {};
    for (const t of this.localParticipant.tracks.values()) {
      if (!t.transceiver) continue;
      t.mid = t.transceiver.mid;
      trackNames[t.mid] = t.name;
    }
    const answered = new Promise((resolve, reject) => { this._pendingPublish = { resolve, reject }; });
    this._send({ type: 'publish', sdp: pc.localDescription.sdp, trackNames });
    let answer;
    try {
      answer = await answered;
    } catch (e) {
      if (pc.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
      throw e;
    }
    await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
    for (const info of answer.tracks) {
      const t = [...this.localParticipant.tracks.values()].find(x => x.mid === info.mid);
      if (t && t.sid !== info.sid) {
        t.sid = info.sid;
        if (!t.isEnabled) this._send({ type: 'setTrackEnabled', track: t.sid, enabled: false });
      }
    }
    for (const r of answer.rejected || []) {
      this.emit('warning', new QuorumError(53404, 'rejected', `track in section ${r.mid} refused: ${r.reason}`));
    }
  }

  /** Runs `change` and a new publisher negotiation after the ones still running. */
  _renegotiate(change) {
    const generation = this._generation;
    const run = this._publishing.then(async () => {
      if (generation !== this._generation) return; // the connection is gone; a rejoin publishes anew
      if (change() === false) return;
      await this._negotiatePublisher();
    });
    this._publishing = run.catch(() => {});
    return run;
  }

  async _publishTrack(mediaStreamTrack, { name, simulcast = false } = {}) {
    if (typeof MediaStreamTrack === 'undefined' || !(mediaStreamTrack instanceof MediaStreamTrack)) {
      throw new TypeError('publishTrack needs a MediaStreamTrack');
    }
    if (this.state !== 'connected') {
      throw new QuorumError(53000, 'not_connected', `cannot publish while ${this.state}`);
    }
    const kind = mediaStreamTrack.kind;
    let trackName = name;
    for (let i = 2; !trackName || this.localParticipant.tracks.has(trackName); i++) {
      if (name) throw new TypeError(`a track named '${name}' is already published`);
      trackName = kind + '-' + i;
    }
    const track = new LocalTrack(this, kind, trackName, mediaStreamTrack);
    track._simulcast = kind === 'video' && simulcast;
    this.localParticipant.tracks.set(trackName, track);
    try {
      await this._renegotiate(() => {
        if (this.localParticipant.tracks.get(trackName) !== track) return false; // unpublished meanwhile
        if (!this._publisher) this._createPublisher();
        this._addToPublisher(track, new MediaStream([mediaStreamTrack]));
      });
    } catch (e) {
      if (this.localParticipant.tracks.get(trackName) === track) this.localParticipant.tracks.delete(trackName);
      if (track.transceiver && this._publisher && this._publisher.signalingState !== 'closed') {
        this._publisher.removeTrack(track.transceiver.sender);
      }
      track.transceiver = null;
      throw e instanceof QuorumError ? e : new QuorumError(53000, 'publish_failed', String(e));
    }
    // The user ending a screen share in the browser's own controls unpublishes it.
    mediaStreamTrack.addEventListener('ended', () => {
      if (this.localParticipant.tracks.get(trackName) === track && this.state === 'connected') {
        this._unpublishTrack(trackName).catch((e) => this.emit('warning', e));
      }
    });
    return track;
  }

  async _unpublishTrack(name) {
    const track = this.localParticipant.tracks.get(name);
    if (!track) throw new TypeError(`no published track named '${name}'`);
    this.localParticipant.tracks.delete(name);
    await this._renegotiate(() => {
      const pc = this._publisher;
      const transceiver = track.transceiver;
      track.transceiver = null;
      track.sid = null;
      track.mid = null;
      if (!pc || !transceiver || pc.signalingState === 'closed') return false;
      // The section turns inactive: the server unpublishes the track; the mid is not reused.
      pc.removeTrack(transceiver.sender);
    });
  }

  // ----------------------------------------------------------------------------------------
  // Subscriber connection: the server offers, this client answers.

  _onOffer(m) {
    const generation = this._generation;
    this._offers = this._offers.then(async () => {
      // An offer for peer connections closed since it arrived belongs to the session they
      // served: answering it from a new connection would give that session a certificate its
      // transport never sees.
      if (generation !== this._generation) return;
      if (!this._subscriber) {
        const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
        pc.onconnectionstatechange = () => {
          if (pc.connectionState === 'failed' && this._subscriber === pc) this._mediaFailed();
        };
        this._subscriber = pc;
      }
      const pc = this._subscriber;
      await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      if (generation !== this._generation) return;
      this._send({ type: 'answer', version: m.version, sdp: pc.localDescription.sdp });
      this._reconcile(pc, m.tracks);
    }).catch((e) => this.emit('warning', new QuorumError(53402, 'offer_failed', String(e))));
  }

  /** Matches the offer's sections to receivers: which remote track arrives on which mid. */
  _reconcile(pc, tracks) {
    const byMid = new Map(tracks.map(t => [t.mid, t]));
    for (const [mid, track] of [...this._midTracks]) {
      const now = byMid.get(mid);
      if (!now || now.trackSid !== track.sid) {
        this._midTracks.delete(mid);
        track._detachObserver();
        const p = this.participants.get(track.participantSid);
        p?.subscribedTracks.delete(track.sid);
        this.emit('trackUnsubscribed', track, p);
        p?.emit('trackUnsubscribed', track);
      }
    }
    for (const tr of pc.getTransceivers()) {
      const info = byMid.get(tr.mid);
      if (!info || this._midTracks.has(tr.mid)) continue;
      const track = new RemoteTrack(this, info, tr.receiver.track);
      const p = this.participants.get(info.participantSid);
      const published = p?.tracks.get(info.trackSid);
      if (published) track.isEnabled = published.enabled;
      this._midTracks.set(tr.mid, track);
      p?.subscribedTracks.set(track.sid, track);
      this.emit('trackSubscribed', track, p);
      p?.emit('trackSubscribed', track);
    }
  }

  // ----------------------------------------------------------------------------------------
  // Messages

  _onMessage(m) {
    switch (m.type) {
      case 'publishAnswer':
        this._pendingPublish?.resolve(m);
        this._pendingPublish = null;
        break;
      case 'offer':
        this._onOffer(m);
        break;
      case 'participantConnected': {
        const p = new RemoteParticipant(m.participant);
        this.participants.set(p.sid, p);
        this.emit('participantConnected', p);
        break;
      }
      case 'participantDisconnected': {
        const p = this.participants.get(m.participant.sid);
        if (!p) break;
        this.participants.delete(p.sid);
        if (this.dominantSpeaker === p) this.dominantSpeaker = null;
        this.emit('participantDisconnected', p);
        break;
      }
      case 'trackPublished':
      case 'trackUnpublished':
      case 'trackEnabled': {
        const p = this.participants.get(m.participantSid);
        if (!p) break;
        if (m.type === 'trackUnpublished') p.tracks.delete(m.track.sid); else p.tracks.set(m.track.sid, m.track);
        const sub = p.subscribedTracks.get(m.track.sid);
        if (m.type === 'trackEnabled') {
          if (sub) sub.isEnabled = m.track.enabled;
          const event = m.track.enabled ? 'trackEnabled' : 'trackDisabled';
          this.emit(event, m.track, p);
          p.emit(event, m.track);
        } else {
          this.emit(m.type, m.track, p);
          p.emit(m.type, m.track);
        }
        break;
      }
      case 'dominantSpeaker':
        this.dominantSpeaker = m.participantSid ? this.participants.get(m.participantSid) || null : null;
        this.emit('dominantSpeakerChanged', this.dominantSpeaker);
        break;
      case 'error': {
        const err = new QuorumError(m.code, m.name, m.message);
        if (m.re && m.re.type === 'publish' && this._pendingPublish) {
          this._pendingPublish.reject(err);
          this._pendingPublish = null;
        }
        this.emit('warning', err);
        break;
      }
      case 'disconnected':
        if (m.code === 53405 && this.options.reconnect) {
          // The server lost our media connection: join again once it closed this socket.
          this._mediaLost = true;
          this._closePeerConnections();
        } else {
          this._finish(new QuorumError(m.code, 'disconnected', m.reason));
        }
        break;
      default:
        break; // pong, and types newer than this SDK
    }
  }

  // ----------------------------------------------------------------------------------------
  // Reconnection

  _onSocketClosed(e) {
    this._failPendingPublish(e.code);
    if (this.state === 'disconnected') return;
    const mediaRecovery = e.code === 4410 && this._mediaLost;
    if ((FINAL_CLOSE_CODES.has(e.code) && !mediaRecovery) || !this.options.reconnect) {
      this._finish(e.code === 1000 ? null : new QuorumError(e.code, 'closed', e.reason));
      return;
    }
    this._reconnect();
  }

  _mediaFailed() {
    if (this.state !== 'connected' || !this.options.reconnect) return;
    this._rejoinAfterMediaLoss('media failed');
  }

  /**
   * This client gave up its media connections: it joins again as a new participant. The old
   * socket is let go before the peer connections close, because closing them tells the server
   * this participant left, and the server's answer to that (a normal close, "left") can reach
   * the old socket before the echo of its own close: heard there, it would end the room.
   */
  _rejoinAfterMediaLoss(reason) {
    const ws = this._socket;
    this._socket = null;
    ws?.close(4000, reason);
    this._failPendingPublish(4000);
    this._mediaLost = true;
    this._closePeerConnections();
    this._reconnect();
  }

  /** An answer still awaited will not come: its negotiation fails (and is rolled back) instead of waiting forever. */
  _failPendingPublish(code) {
    if (!this._pendingPublish) return;
    this._pendingPublish.reject(new QuorumError(code, 'closed', 'the connection closed before the publish answer'));
    this._pendingPublish = null;
  }

  async _reconnect() {
    if (this.state === 'reconnecting') return;
    this.state = 'reconnecting';
    this.emit('reconnecting');
    const giveUpAt = Date.now() + this.options.reconnectTimeout;
    while (this.state === 'reconnecting') {
      if (Date.now() > giveUpAt) {
        this._finish(new QuorumError(53001, 'reconnect_failed',
          `could not reconnect within ${this.options.reconnectTimeout / 1000} s`));
        return;
      }
      const delay = Math.min(5000, 250 * 2 ** this._reconnectAttempt++);
      await new Promise(r => setTimeout(r, delay));
      // disconnect() during the wait ends reconnecting: resuming now would bring back a session
      // whose peer connections are closed, and a new connection would answer its next offer.
      if (this.state !== 'reconnecting') return;
      try {
        if (!this._mediaLost && this._resume) {
          try {
            const m = await this._open({ type: 'resume', token: this.options.token, ...this._resume });
            if (this.state !== 'reconnecting') return;
            this._joined(m);
            this._reconnectAttempt = 0;
            this.emit('reconnected');
            return;
          } catch (e) {
            if (e.code !== 53003) throw e;
          }
        }
        await this._rejoin();
        this._reconnectAttempt = 0;
        this.emit('reconnected');
        return;
      } catch (e) {
        if (e instanceof QuorumError && e.code >= 20101 && e.code <= 20107) {
          this._finish(e);
          return;
        }
      }
    }
  }

  /** The session is gone: join again as a new participant and publish the same tracks. */
  async _rejoin() {
    this._closePeerConnections();
    for (const p of this.participants.values()) this.emit('participantDisconnected', p);
    this.participants.clear();
    const joined = await this._join(this.name);
    if (this.state !== 'reconnecting') {
      // disconnect() while joining: that socket was closed, so the new participant leaves.
      throw new QuorumError(53001, 'disconnected', 'the room was disconnected while rejoining');
    }
    this._joined(joined);
    this._mediaLost = false;
    await this._publish();
  }

  _closePeerConnections() {
    for (const track of this._midTracks.values()) {
      track._detachObserver();
      const p = this.participants.get(track.participantSid);
      p?.subscribedTracks.delete(track.sid);
      this.emit('trackUnsubscribed', track, p);
    }
    this._midTracks.clear();
    this._generation++;
    this._publisher?.close();
    this._subscriber?.close();
    this._publisher = null;
    this._subscriber = null;
    this._offers = Promise.resolve();
    this._publishing = Promise.resolve();
    for (const t of this.localParticipant.tracks.values()) { t.sid = null; t.mid = null; t.transceiver = null; }
  }

  /**
   * Ends the session. After `leave` the peer connections stay open until the server closed the
   * socket (or a second passed), so the server sees a leave and not a failed connection.
   */
  _finish(error, leaving = false) {
    if (this.state === 'disconnected') return;
    this.state = 'disconnected';
    clearInterval(this._pingTimer);
    clearInterval(this._qualityTimer);
    window.removeEventListener('pagehide', this._onPageHide);
    for (const t of this.localParticipant.tracks.values()) t.mediaStreamTrack.stop();
    const ws = this._socket;
    this._socket = null;
    if (leaving && ws && ws.readyState === WebSocket.OPEN) {
      const closeAll = () => { this._closePeerConnections(); ws.close(1000, 'left'); };
      const timer = setTimeout(closeAll, 1000);
      ws.addEventListener('close', () => { clearTimeout(timer); closeAll(); });
    } else {
      this._closePeerConnections();
      if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'left');
    }
    this.emit('disconnected', this, error);
  }
}
