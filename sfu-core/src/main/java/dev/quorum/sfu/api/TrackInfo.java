package dev.quorum.sfu.api;

import java.time.Instant;

/**
 * A published track as the REST API and callbacks show it.
 *
 * @param name    the track's name, unique among its participant's tracks (the SID when the
 *                client gave none)
 * @param enabled false while the publisher has it muted/paused
 * @param codec   the negotiated codec's name ({@code opus}, {@code VP8}, {@code H264}, {@code VP9})
 */
public record TrackInfo(
        String sid,
        String participantSid,
        String roomSid,
        String name,
        TrackKind kind,
        boolean enabled,
        String codec,
        Instant dateCreated) {}
