package dev.quorum.server.recording;

/**
 * A publisher's camera and microphone replaced by markers: the page's {@code getUserMedia}
 * returns a canvas video (dark, textured, with a moving box) that turns white for
 * {@link #FLASH_SECONDS} at each marker, and a WebAudio track that beeps (1 kHz) for the same
 * span. Markers come 0.8 s and 1.2 s apart in turn, so a shift of a whole interval cannot pass
 * for sync.
 *
 * <p>The picture follows the sound: the beeps are scheduled on the AudioContext's timeline,
 * sample-exact, and each animation frame (the tab must be the visible one) reads the context's
 * {@code currentTime}, which advances as the context renders the sound that goes into the track,
 * draws the picture (white while that time is inside a beep; otherwise 20 times a second) and has
 * the canvas capture it in the same rendering update ({@code requestFrame}). If the audio
 * rendering stalls on a busy machine, flash and beep are late alike. What is left (an animation
 * frame, and Chromium's own capture timing of canvas and sound) is the source's sync, which
 * {@link MarkerSyncTest} measures with a single-layer copy of the same video.
 */
final class MarkerSource {

    static final double FLASH_SECONDS = 0.1;
    /**
     * The first marker comes this long after the devices open: the picture and sound are recorded
     * from the start, but in the first seconds a browser starting its encoders on a busy machine
     * drops and delays frames of its own accord.
     */
    static final int FIRST_MARKER_MS = 4_000;

    private static final String INSTALL = """
            if (!window.markerSource) {
              const W = %d, H = %d, FLASH_MS = %d, FIRST_MS = %d, FRAME_MS = 1000 / 20;
              const source = window.markerSource = { flashes: 0, frames: 0 };
              navigator.mediaDevices.getUserMedia = async () => {
                const ctx = new AudioContext({ sampleRate: 48000, latencyHint: 'interactive' });
                await ctx.resume();
                const osc = ctx.createOscillator();
                osc.frequency.value = 1000;
                const gain = ctx.createGain();
                gain.gain.value = 0;
                const out = ctx.createMediaStreamDestination();
                osc.connect(gain);
                gain.connect(out);
                osc.start();
                // A dark texture gives the encoder real work (keyframes of some size) without lifting the mean luma.
                const texture = document.createElement('canvas');
                texture.width = W;
                texture.height = H;
                const pixels = new ImageData(W, H);
                for (let i = 0; i < pixels.data.length; i += 4) {
                  const v = 20 + ((i * 2654435761) >>> 28);
                  pixels.data[i] = pixels.data[i + 1] = pixels.data[i + 2] = v;
                  pixels.data[i + 3] = 255;
                }
                texture.getContext('2d').putImageData(pixels, 0, 0);
                const canvas = document.createElement('canvas');
                canvas.width = W;
                canvas.height = H;
                const g = canvas.getContext('2d', { alpha: false });
                const video = canvas.captureStream(0).getVideoTracks()[0];
                // The beeps are scheduled on the audio clock, sample-exact; a flash shows while that
                // clock is inside a beep.
                const marks = [];
                let at = ctx.currentTime + FIRST_MS / 1000;
                for (let k = 0; k < 200; k++) {
                  marks.push(at);
                  gain.gain.setValueAtTime(0.8, at);
                  gain.gain.setValueAtTime(0, at + FLASH_MS / 1000);
                  at += k %% 2 ? 1.2 : 0.8;
                }
                let next = 0, lit = false, lastFrame = -1e9;
                const tick = () => {
                  requestAnimationFrame(tick);
                  const t = ctx.currentTime;
                  while (next < marks.length && t >= marks[next] + FLASH_MS / 1000) next++;
                  const on = next < marks.length && t >= marks[next];
                  const now = performance.now();
                  if (on === lit && now - lastFrame < FRAME_MS) return;
                  if (on) {
                    g.fillStyle = '#fff';
                    g.fillRect(0, 0, W, H);
                    if (!lit) source.flashes++;
                  } else {
                    g.drawImage(texture, 0, 0);
                    g.fillStyle = '#888';
                    g.fillRect((source.frames * 8) %% (W - H / 4), H * 3 / 8, H / 4, H / 4);
                  }
                  video.requestFrame();
                  source.frames++;
                  lit = on;
                  lastFrame = now;
                };
                requestAnimationFrame(tick);
                return new MediaStream([out.stream.getAudioTracks()[0], video]);
              };
            }
            return true;
            """;

    private MarkerSource() {}

    /** The script that installs the fake devices, with a picture of this size; run before {@code connect()}. */
    static String install(int width, int height) {
        return INSTALL.formatted(width, height, Math.round(FLASH_SECONDS * 1000), FIRST_MARKER_MS);
    }

    /** Waits until the page has shown {@code count} more markers. */
    static void awaitMarkers(Publisher p, int count) {
        long shown = ((Number) p.tab.run("return window.markerSource.flashes;")).longValue();
        p.tab.waitFor(count + " more markers", "window.markerSource.flashes >= " + (shown + count));
    }

    /**
     * Publishes the camera's video a second time, as track {@code name} without simulcast: the
     * same frames with the same capture times (the same browser track, not a clone, whose capture
     * timing Chromium would estimate on its own), recorded from one stream throughout.
     */
    static void publishCopy(Publisher p, String name) {
        p.tab.await("""
                const camera = room.localParticipant.tracks.get('camera').mediaStreamTrack;
                const copy = await room.localParticipant.publishTrack(camera, { name: args[0] });
                const params = copy.transceiver.sender.getParameters();
                params.encodings[0].maxBitrate = 250_000;
                params.encodings[0].scaleResolutionDownBy = 2;
                await copy.transceiver.sender.setParameters(params);
                """, name);
    }

    /**
     * Turns simulcast layers of the published camera on or off ({@code RTCRtpSender.setParameters},
     * encodings in the SDK's order q, h, f), at modest rates, so that they fit the bandwidth
     * estimate of a busy test machine.
     */
    static void setLayers(Publisher p, boolean... active) {
        StringBuilder flags = new StringBuilder("[");
        for (boolean a : active) {
            flags.append(flags.length() > 1 ? "," : "").append(a);
        }
        p.tab.await("""
                const sender = room.localParticipant.tracks.get('camera').transceiver.sender;
                const params = sender.getParameters();
                const active = %s;
                const rates = [60_000, 150_000, 300_000];
                params.encodings.forEach((e, i) => { e.active = active[i]; e.maxBitrate = rates[i]; });
                await sender.setParameters(params);
                """.formatted(flags.append("]")));
    }
}
