package dev.quorum.sfu.room;

/**
 * What a participant's browser saw of the media it received since its previous report: the SDK
 * sends one every 10 s from the receiver's WebRTC statistics.
 *
 * @param framesDecoded    video frames decoded
 * @param freezes          video freezes (a frame later than 150 ms and three usual gaps)
 * @param frozenMs         their total length
 * @param audioSamples     audio samples played
 * @param concealedSamples of those, made up for lost or late audio
 */
public record ClientQuality(
        long framesDecoded, long freezes, long frozenMs, long audioSamples, long concealedSamples) {}
