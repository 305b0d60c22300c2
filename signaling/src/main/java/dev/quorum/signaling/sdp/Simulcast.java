package dev.quorum.signaling.sdp;

import java.util.List;

/**
 * {@code a=simulcast:[send <streams>] [recv <streams>]} (RFC 8853). Each entry is one
 * simulcast stream as written between semicolons: a rid, {@code ~rid} for a paused one, or
 * comma-separated alternatives.
 */
public record Simulcast(List<String> send, List<String> recv) {

    public Simulcast {
        send = List.copyOf(send);
        recv = List.copyOf(recv);
    }

    /** The rids of the send list without pause markers, first alternative of each stream. */
    public List<String> sendRids() {
        return rids(send);
    }

    /** The rids of the receive list without pause markers, first alternative of each stream. */
    public List<String> recvRids() {
        return rids(recv);
    }

    private static List<String> rids(List<String> streams) {
        return streams.stream()
                .map(s -> s.split(",")[0])
                .map(s -> s.startsWith("~") ? s.substring(1) : s)
                .toList();
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        if (!send.isEmpty()) {
            b.append("send ").append(String.join(";", send));
        }
        if (!recv.isEmpty()) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append("recv ").append(String.join(";", recv));
        }
        return b.toString();
    }
}
