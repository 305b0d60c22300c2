/**
 * The MediaTap SPI: how the SFU hands tapped tracks' packets to the recorder without depending on
 * it. A {@link io.netty.buffer.ByteBuf} passed to a {@link dev.quorum.sfu.tap.TrackSink} is
 * borrowed, as everywhere on the media path ({@code dev.quorum.sfu.room}): a sink that keeps it
 * retains it.
 */
package dev.quorum.sfu.tap;
