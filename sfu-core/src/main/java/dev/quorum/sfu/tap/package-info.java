/**
 * The MediaTap SPI: how the SFU hands tapped tracks' packets to the recorder without depending on
 * it. Ownership of every {@link io.netty.buffer.ByteBuf} passed to a {@link dev.quorum.sfu.tap.TrackSink}
 * moves to the sink.
 */
package dev.quorum.sfu.tap;
