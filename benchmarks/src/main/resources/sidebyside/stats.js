// Injected into both servers' pages before they make any peer connection: every
// RTCPeerConnection the page makes is kept, so that the same totals are read from getStats()
// whichever client library made the connections.
(() => {
  if (window.benchTotals) return;
  const pcs = window.benchPeerConnections = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      pcs.push(this);
    }
  };
  // Cumulative counters of every inbound and outbound RTP stream of the page.
  window.benchTotals = async () => {
    const t = {
      received: 0, lost: 0, streams: 0, flowing: 0, freezes: 0, freezeSeconds: 0,
      framesDecoded: 0, videoJitterDelay: 0, videoEmitted: 0, audioJitterDelay: 0, audioEmitted: 0,
      concealed: 0, samples: 0, sentVideoBytes: 0, sentPackets: 0,
    };
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp') {
          t.streams++;
          if ((s.packetsReceived || 0) > 0) t.flowing++;
          t.received += s.packetsReceived || 0;
          t.lost += Math.max(0, s.packetsLost || 0);
          if (s.kind === 'video') {
            t.freezes += s.freezeCount || 0;
            t.freezeSeconds += s.totalFreezesDuration || 0;
            t.framesDecoded += s.framesDecoded || 0;
            t.videoJitterDelay += s.jitterBufferDelay || 0;
            t.videoEmitted += s.jitterBufferEmittedCount || 0;
          } else {
            t.audioJitterDelay += s.jitterBufferDelay || 0;
            t.audioEmitted += s.jitterBufferEmittedCount || 0;
            t.concealed += s.concealedSamples || 0;
            t.samples += s.totalSamplesReceived || 0;
          }
        } else if (s.type === 'outbound-rtp') {
          t.sentPackets += s.packetsSent || 0;
          if (s.kind === 'video') t.sentVideoBytes += s.bytesSent || 0;
        }
      });
    }
    return t;
  };
  // Plays a received track, as a viewer's page does (an element per track).
  window.benchPlay = (track) => {
    const el = document.createElement(track.kind);
    el.autoplay = true;
    el.muted = track.kind === 'audio' ? false : true;
    el.srcObject = new MediaStream([track]);
    document.body.appendChild(el);
  };
})();
