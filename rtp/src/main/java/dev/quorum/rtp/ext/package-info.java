/**
 * Typed access to the RTP header extensions the SFU uses, over {@link dev.quorum.rtp.RtpPacket}
 * views: {@link dev.quorum.rtp.ext.SdesExtension} (mid, rid, repaired rid),
 * {@link dev.quorum.rtp.ext.AbsSendTime}, {@link dev.quorum.rtp.ext.TransportWideSequenceNumber},
 * {@link dev.quorum.rtp.ext.AudioLevel} and {@link dev.quorum.rtp.ext.VideoOrientation}. Each
 * takes the ID negotiated for its URI ({@link dev.quorum.rtp.ext.HeaderExtensionUris}); reading
 * returns -1 or null when the element is absent, and numeric accessors allocate nothing.
 */
package dev.quorum.rtp.ext;
