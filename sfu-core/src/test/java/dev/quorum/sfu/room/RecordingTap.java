package dev.quorum.sfu.room;

import dev.quorum.sfu.tap.MediaTap;
import dev.quorum.sfu.tap.TapControl;
import dev.quorum.sfu.tap.TappedTrack;
import dev.quorum.sfu.tap.TrackSink;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A recorder stand-in: remembers every opened sink and what reached it, releasing the packets. */
final class RecordingTap implements MediaTap {

    final List<Sink> sinks = new CopyOnWriteArrayList<>();

    /** One opened sink. */
    static final class Sink implements TrackSink {
        final TappedTrack track;
        final TapControl control;
        final List<Long> ssrcs = new CopyOnWriteArrayList<>();
        final List<Integer> sequenceNumbers = new CopyOnWriteArrayList<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile int senderReports;
        /** The stream of each sender report, in order. */
        final List<Long> reportSsrcs = new CopyOnWriteArrayList<>();

        volatile boolean closed;

        Sink(TappedTrack track, TapControl control) {
            this.track = track;
            this.control = control;
        }

        @Override
        public void onRtp(ByteBuf packet, long arrivalNanos) {
            try {
                if (closed) {
                    throw new AssertionError("packet after close");
                }
                ssrcs.add(packet.getUnsignedInt(packet.readerIndex() + 8));
                sequenceNumbers.add(packet.getUnsignedShort(packet.readerIndex() + 2));
            } finally {
                // borrowed: nothing to release
            }
        }

        @Override
        public void onSenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long arrivalNanos) {
            senderReports++;
            reportSsrcs.add(ssrc);
        }

        @Override
        public void onEnabled(boolean enabled) {
            calls.add("enabled " + enabled);
        }

        @Override
        public void onPaused(boolean paused) {
            calls.add("paused " + paused);
        }

        @Override
        public void close() {
            if (closed) {
                throw new AssertionError("closed twice");
            }
            closed = true;
            calls.add("closed");
        }
    }

    @Override
    public TrackSink open(TappedTrack track, TapControl control) {
        Sink s = new Sink(track, control);
        sinks.add(s);
        return s;
    }

    List<Sink> open() {
        return sinks.stream().filter(s -> !s.closed).toList();
    }
}
