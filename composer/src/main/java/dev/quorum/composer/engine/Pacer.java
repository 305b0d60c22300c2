package dev.quorum.composer.engine;

/**
 * Keeps the audio encoder near the video encoder in output time, so the muxer interleaves
 * packets as they come instead of buffering seconds of one stream while waiting for the other.
 */
final class Pacer {

    private long videoMicros;
    private boolean released;

    /** Called by the video side after each frame it handed to the encoder. */
    synchronized void videoReached(long outputMicros) {
        videoMicros = outputMicros;
        notifyAll();
    }

    /** Lets the audio side run freely: video is done, failed, or absent. */
    synchronized void release() {
        released = true;
        notifyAll();
    }

    /** Waits until video has reached {@code outputMicros} minus {@code leadMicros}. */
    synchronized void awaitVideo(long outputMicros, long leadMicros) throws InterruptedException {
        while (!released && videoMicros + leadMicros < outputMicros) {
            wait();
        }
    }
}
