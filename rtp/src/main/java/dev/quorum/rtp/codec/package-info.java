/**
 * Payload formats and depacketizers: RTP packets in, complete encoded frames out.
 *
 * <p>Each codec has a {@link dev.quorum.rtp.codec.Depacketizer}: {@code vp8.Vp8Depacketizer}
 * (RFC 7741), {@code vp9.Vp9Depacketizer} (RFC 9628), {@code h264.H264Depacketizer} (RFC 6184,
 * packetization mode 1, output in 4-byte length-prefixed form), {@code av1.Av1Depacketizer} (AOM
 * AV1 RTP payload, output as a low-overhead OBU stream) and {@code opus.OpusDepacketizer} (RFC
 * 7587, with RFC 2198 RED unwrapping). The recorder feeds packets in sequence order and writes
 * the {@link dev.quorum.rtp.codec.Frame}s:
 *
 * <pre>{@code
 * Depacketizer vp8 = new Vp8Depacketizer(new Depacketizer.Listener() {
 *     public void onFrame(Frame frame) { writer.write(frame); }   // writer releases the frame
 *     public void onDropped(PayloadError reason) { drops.increment(reason); }
 *     public void onKeyframeNeeded() { tapControl.requestKeyframe(); }
 * }, ByteBufAllocator.DEFAULT);
 * ...
 * vp8.push(view);   // borrows the packet; release your buffer afterwards
 * }</pre>
 *
 * <p>Frames hold retained slices of the packets' payloads rather than copies; the receiver of a
 * frame releases it. The per-codec descriptor views ({@code Vp8PayloadDescriptor},
 * {@code Vp9PayloadDescriptor}, {@code Av1AggregationHeader}) are reusable and allocation-free, for
 * the forwarding path's keyframe detection and layer selection.
 */
package dev.quorum.rtp.codec;
