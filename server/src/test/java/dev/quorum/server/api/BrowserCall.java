package dev.quorum.server.api;

import dev.quorum.signaling.testing.BrowserParticipant;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.MediaStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Participants joining one room from tabs of a headless Chromium through the browser SDK, each
 * with a token from twilio-java's {@code AccessToken}, publishing the fake camera at 320x240 (no
 * simulcast: one recording per camera) and the fake microphone.
 */
public final class BrowserCall {

    /** Connect options: a small camera keeps the recording, the composition and the CPU cheap. */
    public static final Map<String, Object> SMALL_CAMERA =
            Map.of("video", Map.of("width", 320, "height", 240, "frameRate", 15), "simulcast", false);

    private final List<BrowserParticipant> participants;

    private BrowserCall(List<BrowserParticipant> participants) {
        this.participants = participants;
    }

    /** Joins {@code identities} to {@code room}, one tab each (the first reuses the current tab). */
    public static BrowserCall join(Chromium chromium, String baseUrl, String room, String... identities) {
        List<BrowserParticipant> joined = new ArrayList<>();
        for (String identity : identities) {
            BrowserParticipant p = BrowserParticipant.open(chromium, baseUrl + "/", identity, !joined.isEmpty());
            p.join(ConfiguredServer.token(identity, room), room, SMALL_CAMERA);
            joined.add(p);
        }
        return new BrowserCall(joined);
    }

    /** Participants that joined some other way (e.g. with the archive API's client tokens). */
    public static BrowserCall of(List<BrowserParticipant> joined) {
        return new BrowserCall(List.copyOf(joined));
    }

    public List<BrowserParticipant> participants() {
        return participants;
    }

    /**
     * Waits until media is moving now: each participant sends camera frames and microphone packets,
     * and, with several participants, each decodes what every other one sends.
     */
    public void awaitMediaFlowing() {
        for (BrowserParticipant p : participants) {
            p.waitFor("camera and microphone sent", """
                    (async () => { const s = (await room.getStats()).publisher; let v = 0, a = 0;
                      s.forEach(x => { if (x.type === 'outbound-rtp' && x.kind === 'video') v += x.framesEncoded || 0;
                                       if (x.type === 'outbound-rtp' && x.kind === 'audio') a += x.packetsSent || 0; });
                      return v > 15 && a > 50; })()""");
            List<String> others = participants.stream()
                    .filter(o -> o != p)
                    .map(BrowserParticipant::sid)
                    .toList();
            if (!others.isEmpty()) {
                p.await(MediaStats.MARK);
                p.waitFor("media from the others", MediaStats.flowingFrom(others.toArray(String[]::new)));
            }
        }
    }

    /** Waits until the server has disconnected every participant (the room ended). */
    public void awaitDisconnected(Duration timeout) {
        for (BrowserParticipant p : participants) {
            p.waitFor("disconnected by the server", "room.state === 'disconnected'", timeout);
        }
    }
}
