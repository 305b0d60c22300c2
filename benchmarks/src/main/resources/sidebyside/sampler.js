// Every 200 ms, in a viewer's page (after stats.js): the received video's frame width and
// counters and the received audio's concealment, from every peer connection the page made, as the
// impaired-link tests sample them.
(() => {
  clearInterval(window.benchSampler);
  const samples = window.benchSamples = [];
  window.benchSampler = setInterval(async () => {
    const s = { t: Date.now(), width: 0, frames: 0, freezes: 0, frozen: 0, concealed: 0, samples: 0 };
    for (const pc of window.benchPeerConnections) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r) => {
        if (r.type !== 'inbound-rtp') return;
        if (r.kind === 'video') {
          s.width = r.frameWidth || 0;
          s.frames += r.framesDecoded || 0;
          s.freezes += r.freezeCount || 0;
          s.frozen += r.totalFreezesDuration || 0;
        } else {
          s.concealed += r.concealedSamples || 0;
          s.samples += r.totalSamplesReceived || 0;
        }
      });
    }
    samples.push(s);
  }, 200);
})();
