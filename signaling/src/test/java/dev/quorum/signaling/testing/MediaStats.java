package dev.quorum.signaling.testing;

/**
 * Reads WebRTC statistics in a participant's page ({@code window.room}). {@link #INSTALL} defines
 * {@code window.mediaStats}; the other scripts use it. "Flowing" compares two readings, so it
 * means media arrives now, not that it once did.
 */
public final class MediaStats {

    private MediaStats() {}

    /** Defines the page helpers; run once per page before the others. */
    public static final String INSTALL = """
            window.mediaStats = {
              // Per remote track SID: {kind, framesDecoded, packetsReceived, frameWidth, codec}.
              async inbound() {
                const out = {};
                if (!room._subscriber) return out;
                const stats = await room._subscriber.getStats();
                const codecs = {};
                const byMid = {};
                stats.forEach(s => {
                  if (s.type === 'codec') codecs[s.id] = s.mimeType;
                  if (s.type === 'inbound-rtp') byMid[s.mid] = s;
                });
                for (const [mid, track] of room._midTracks) {
                  const s = byMid[mid];
                  if (s) out[track.sid] = { kind: s.kind, framesDecoded: s.framesDecoded || 0,
                    packetsReceived: s.packetsReceived || 0, frameWidth: s.frameWidth || 0,
                    codec: codecs[s.codecId] || null };
                }
                return out;
              },
              base: {},
              async mark() { this.base = await this.inbound(); return true; },
              // True when each listed participant has 2 subscribed tracks whose counters grew since
              // the last mark (video: decoded frames, audio: received packets); then marks again.
              async flowing(sids) {
                const now = await this.inbound();
                for (const sid of sids) {
                  const p = room.participants.get(sid);
                  if (!p || p.subscribedTracks.size < 2) return false;
                  for (const t of p.subscribedTracks.values()) {
                    const a = now[t.sid];
                    const b = this.base[t.sid] || { framesDecoded: 0, packetsReceived: 0 };
                    if (!a) return false;
                    if (a.kind === 'video' && a.framesDecoded < b.framesDecoded + 10) return false;
                    if (a.kind === 'audio' && a.packetsReceived < b.packetsReceived + 25) return false;
                  }
                }
                this.base = now;
                return true;
              },
            };
            return true;
            """;

    /** The current counters, by remote track SID. */
    public static final String INBOUND = "return await window.mediaStats.inbound();";

    /** Takes the baseline {@link #flowingFrom} compares with. */
    public static final String MARK = "return await window.mediaStats.mark();";

    /** A condition for {@code waitFor}: media from every listed participant grew since the last mark. */
    public static String flowingFrom(String... participantSids) {
        StringBuilder b = new StringBuilder("window.mediaStats.flowing([");
        for (String s : participantSids) {
            b.append('\'').append(s).append("',");
        }
        return b.append("])").toString();
    }
}
