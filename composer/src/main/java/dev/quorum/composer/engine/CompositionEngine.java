package dev.quorum.composer.engine;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import dev.quorum.composer.CompositionPlan;
import dev.quorum.composer.SourceRecording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Turns a {@link CompositionPlan} into a file with FFmpeg: each video source decodes on its own
 * thread, a compositor thread scales them onto the canvas, an encoder thread encodes, and an audio
 * thread decodes, mixes and encodes the sound; the muxer interleaves both streams.
 *
 * <p>A recording that cannot be opened is skipped and named in the result's warnings (its cell
 * stays black, its voice silent); damaged packets inside a recording are skipped and counted.
 * The composition fails when none of the selected recordings can be read, or when the output
 * cannot be encoded or written. Every FFmpeg structure is freed before returning, either way.
 */
public final class CompositionEngine {

    private final EngineSettings settings;
    private final LongSupplier nanoClock;

    public CompositionEngine(EngineSettings settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
    }

    public CompositionEngine(EngineSettings settings) {
        this(settings, System::nanoTime);
    }

    /**
     * Composes {@code plan} into {@code output} (written under a temporary name, renamed when
     * complete).
     *
     * @throws CompositionFailedException with a reason for the user
     * @throws InterruptedException       when the calling thread is interrupted (the job is cancelled)
     */
    public CompositionResult compose(CompositionPlan plan, Path output, ProgressListener listener)
            throws CompositionFailedException, InterruptedException {
        Ffmpeg.init();
        List<String> warnings = new ArrayList<>();
        Path partial = output.resolveSibling(output.getFileName() + ".part");
        Map<SourceRecording, VideoSourceReader> readers = new LinkedHashMap<>();
        List<AudioSourceReader> audio = new ArrayList<>();
        Map<SourceRecording, SourceCursor> cursors = new LinkedHashMap<>();
        Muxer muxer = null;
        Encoder videoEncoder = null;
        Encoder audioEncoder = null;
        VideoTrack video = null;
        try {
            openSources(plan, readers, audio, warnings);
            readers.values().forEach(r -> cursors.put(r.source(), new SourceCursor(r)));
            try {
                muxer = Muxer.create(partial, plan.request().format());
                if (plan.hasVideo()) {
                    videoEncoder = Encoder.video(
                            plan.request().format(),
                            plan.request().resolution(),
                            settings,
                            plan.request().rateControl(),
                            muxer.wantsGlobalHeader());
                    videoEncoder.connect(muxer);
                }
                if (plan.hasAudio()) {
                    audioEncoder = Encoder.audio(plan.request().format(), settings, muxer.wantsGlobalHeader());
                    audioEncoder.connect(muxer);
                }
                muxer.start();
            } catch (FfmpegException e) {
                throw new CompositionFailedException("The output could not be set up: " + e.getMessage(), e);
            }
            Pacer pacer = new Pacer();
            if (!plan.hasVideo()) {
                pacer.release();
            }
            long frames = VideoTrack.frameCount(plan.durationMs(), settings.frameRate());
            Progress progress = plan.hasVideo()
                    ? new Progress(frames, true, listener, nanoClock)
                    : new Progress(plan.durationMs() * (Encoder.SAMPLE_RATE / 1000), false, listener, nanoClock);
            Workers workers = new Workers("composer");
            if (plan.hasVideo()) {
                video = new VideoTrack(plan, cursors, videoEncoder, settings, pacer, progress);
                VideoTrack track = video;
                readers.values()
                        .forEach(r -> workers.startQuiet("decode-" + r.source().recordingSid(), r));
                workers.start("compose", () -> {
                    try {
                        track.compose();
                    } finally {
                        readers.values().forEach(VideoSourceReader::cancel);
                    }
                });
                workers.start("encode-video", () -> {
                    try {
                        track.encode();
                    } finally {
                        pacer.release();
                    }
                });
            }
            if (plan.hasAudio()) {
                audio.forEach(a -> workers.startQuiet("decode-" + a.source().recordingSid(), a));
                AudioTrack track = new AudioTrack(plan.timeline(), audio, audioEncoder, pacer, progress);
                workers.start("audio", () -> {
                    try {
                        track.run();
                    } finally {
                        audio.forEach(AudioSourceReader::cancel);
                    }
                });
            }
            workers.joinAll();
            if (Thread.interrupted()) {
                throw new InterruptedException("composition cancelled");
            }
            Throwable failure = workers.failure();
            if (failure != null) {
                throw new CompositionFailedException(reason(failure), failure);
            }
            try {
                muxer.finish();
            } catch (FfmpegException e) {
                throw new CompositionFailedException("The output could not be finished: " + e.getMessage(), e);
            }
            collectWarnings(cursors, audio, plan.timeline().originMs(), warnings);
            closeAll(readers, audio, cursors, video, videoEncoder, audioEncoder, muxer);
            muxer = null;
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
            long size = Files.size(output);
            long kbps = plan.durationMs() > 0 ? size * 8 / plan.durationMs() : 0;
            return new CompositionResult(
                    output, plan.durationMs(), size, kbps, plan.hasVideo(), plan.hasAudio(), warnings);
        } catch (IOException e) {
            throw new CompositionFailedException("The output file could not be stored: " + e.getMessage(), e);
        } finally {
            if (muxer != null) {
                closeAll(readers, audio, cursors, video, videoEncoder, audioEncoder, muxer);
            }
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // Best effort: a stale .part file is overwritten by the next attempt.
            }
        }
    }

    private void openSources(
            CompositionPlan plan,
            Map<SourceRecording, VideoSourceReader> readers,
            List<AudioSourceReader> audio,
            List<String> warnings)
            throws CompositionFailedException {
        int selected = 0;
        // Few sources leave cores idle: let each decoder use frame threads. Many sources already
        // decode in parallel, one thread each.
        int decoderThreads = plan.videoSources().size() < Runtime.getRuntime().availableProcessors() ? 0 : 1;
        for (SourceRecording s : plan.videoSources()) {
            selected++;
            try {
                MediaInput in = MediaInput.open(s.file(), AVMEDIA_TYPE_VIDEO, decoderThreads);
                readers.put(
                        s,
                        new VideoSourceReader(
                                s, plan.video(), plan.request().resolution(), in, settings.queueFrames()));
            } catch (FfmpegException e) {
                warnings.add("Video recording " + s.recordingSid() + " (" + s.trackName()
                        + ") was skipped: it could not be read (" + e.getMessage() + ")");
            }
        }
        for (SourceRecording s : plan.audioSources()) {
            selected++;
            try {
                audio.add(new AudioSourceReader(s, plan.timeline().originMs()));
            } catch (FfmpegException e) {
                warnings.add("Audio recording " + s.recordingSid() + " (" + s.trackName()
                        + ") was skipped: it could not be read (" + e.getMessage() + ")");
            }
        }
        if (selected > 0 && readers.isEmpty() && audio.isEmpty()) {
            audio.forEach(AudioSourceReader::close);
            throw new CompositionFailedException(
                    "None of the selected recordings could be read: " + String.join("; ", warnings));
        }
    }

    /** A recording whose media stops this much before its stated end is reported as cut short. */
    private static final long SHORT_BY_MS = 1000;

    private static void collectWarnings(
            Map<SourceRecording, SourceCursor> cursors,
            List<AudioSourceReader> audio,
            long originMs,
            List<String> warnings) {
        for (SourceCursor c : cursors.values()) {
            VideoSourceReader.End end = c.end();
            if (end == null) {
                continue;
            }
            if (end.failure() != null) {
                warnings.add("Video recording " + c.source().recordingSid() + " ("
                        + c.source().trackName() + ") stopped early: " + end.failure());
            }
            long lastMs = end.lastMicros() == Long.MIN_VALUE ? c.source().offsetMs() : end.lastMicros() / 1000;
            if (end.failure() == null && lastMs < c.source().endMs() - SHORT_BY_MS) {
                warnings.add(cutShort("Video", c.source(), lastMs));
            }
            if (end.rejectedPackets() > 0) {
                warnings.add("Video recording " + c.source().recordingSid() + " ("
                        + c.source().trackName() + ") had " + end.rejectedPackets() + " damaged packets, skipped");
            }
        }
        for (AudioSourceReader a : audio) {
            if (a.readError()) {
                warnings.add("Audio recording " + a.source().recordingSid() + " ("
                        + a.source().trackName() + ") stopped early: the file ends in unreadable data");
            }
            long endedAt = a.endedAtMs(originMs);
            if (!a.readError() && endedAt >= 0 && endedAt < a.source().endMs() - SHORT_BY_MS) {
                warnings.add(cutShort("Audio", a.source(), endedAt));
            }
            if (a.rejectedPackets() > 0) {
                warnings.add("Audio recording " + a.source().recordingSid() + " ("
                        + a.source().trackName() + ") had " + a.rejectedPackets() + " damaged packets, skipped");
            }
        }
    }

    private static String cutShort(String kind, SourceRecording s, long lastMs) {
        return String.format(
                java.util.Locale.ROOT,
                "%s recording %s (%s) holds media only up to %.1f s of its %.1f s;" + " the rest is missing or damaged",
                kind,
                s.recordingSid(),
                s.trackName(),
                (lastMs - s.offsetMs()) / 1000.0,
                s.durationMs() / 1000.0);
    }

    private static void closeAll(
            Map<SourceRecording, VideoSourceReader> readers,
            List<AudioSourceReader> audio,
            Map<SourceRecording, SourceCursor> cursors,
            VideoTrack video,
            Encoder videoEncoder,
            Encoder audioEncoder,
            Muxer muxer) {
        readers.values().forEach(VideoSourceReader::cancel);
        audio.forEach(AudioSourceReader::cancel);
        readers.values().forEach(VideoSourceReader::drain);
        cursors.values().forEach(SourceCursor::close);
        readers.values().forEach(VideoSourceReader::drain);
        audio.forEach(AudioSourceReader::close);
        if (video != null) {
            video.close();
        }
        if (videoEncoder != null) {
            videoEncoder.close();
        }
        if (audioEncoder != null) {
            audioEncoder.close();
        }
        if (muxer != null) {
            muxer.close();
        }
        readers.clear();
        audio.clear();
        cursors.clear();
    }

    private static String reason(Throwable failure) {
        if (failure instanceof FfmpegException) {
            return "Encoding failed: " + failure.getMessage();
        }
        return "Composition failed: " + failure;
    }
}
