package dev.quorum.bench.sidebyside;

/**
 * One measured window of one run: the server's CPU time and the subscribers' RTP counters over the
 * same {@code seconds}, starting {@code warmup} seconds after media first flowed everywhere.
 */
record Window(
        String server,
        int run,
        int warmup,
        double seconds,
        int participants,
        ProcessCost cpu,
        PageTotals rtp,
        double loadAverage) {

    /** Packets the subscribers received: what the server forwarded and the network delivered. */
    double packetsPerSecond() {
        return rtp.received() / seconds;
    }

    double userMicrosPerPacket() {
        return cpu.userSeconds() * 1e6 / rtp.received();
    }

    double kernelMicrosPerPacket() {
        return cpu.kernelSeconds() * 1e6 / rtp.received();
    }

    double microsPerPacket() {
        return userMicrosPerPacket() + kernelMicrosPerPacket();
    }

    double cores() {
        return (cpu.userSeconds() + cpu.kernelSeconds()) / seconds;
    }

    double lossPercent() {
        double all = rtp.received() + rtp.lost();
        return all == 0 ? 0 : 100 * rtp.lost() / all;
    }

    double videoJitterBufferMillis() {
        return rtp.videoEmitted() == 0 ? 0 : 1000 * rtp.videoJitterDelay() / rtp.videoEmitted();
    }

    double audioJitterBufferMillis() {
        return rtp.audioEmitted() == 0 ? 0 : 1000 * rtp.audioJitterDelay() / rtp.audioEmitted();
    }

    double concealedPercent() {
        return rtp.samples() == 0 ? 0 : 100 * rtp.concealed() / rtp.samples();
    }

    /** Video each publisher sent, in kbit/s. */
    double publisherVideoKbps() {
        return rtp.sentVideoBytes() * 8 / seconds / 1000 / participants;
    }

    /** Frames decoded per second per received video stream. */
    double framesPerSecondPerStream() {
        int streams = participants * (participants - 1);
        return rtp.framesDecoded() / seconds / streams;
    }

    double residentMiB() {
        return cpu.residentKiB() / 1024.0;
    }
}
