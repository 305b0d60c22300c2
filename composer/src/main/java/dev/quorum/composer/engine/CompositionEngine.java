package dev.quorum.composer.engine;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import dev.quorum.composer.CompositionPlan;
import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.layout.StreamClasses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private static final long LAG_REPORT_NANOS = 5_000_000_000L;

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
        Run run = new Run(plan.request(), plan.hasVideo(), plan.hasAudio());
        try {
            openSources(plan, run);
        } catch (CompositionFailedException e) {
            run.closeAll();
            throw e;
        }
        long frames = VideoTrack.frameCount(plan.durationMs(), settings.frameRate());
        Progress progress = plan.hasVideo()
                ? new Progress(frames, true, listener, nanoClock)
                : new Progress(plan.durationMs() * (Encoder.SAMPLE_RATE / 1000), false, listener, nanoClock);
        return run.compose(Stages.fixed(plan), null, progress, output);
    }

    /**
     * Composes a room while it runs, {@code room}'s delay behind it, from its recordings as they
     * are written; returns once the room has ended and the tail is composed. The output has video
     * when the request draws video and audio when it selects audio, whatever the room records.
     * Progress is reported as {@link ProgressListener#onLive how far behind the room} the
     * composition is until the room ends.
     *
     * @throws CompositionFailedException with a reason for the user
     * @throws InterruptedException       when the calling thread is interrupted (the job is cancelled)
     */
    public CompositionResult composeLive(
            CompositionRequest request,
            StreamClasses classes,
            LiveRoom room,
            Path output,
            ProgressListener listener,
            LongSupplier millisClock)
            throws CompositionFailedException, InterruptedException {
        Ffmpeg.init();
        Run run = new Run(request, request.hasVideo(), !request.audioSources().isEmpty());
        LiveFollower[] follower = new LiveFollower[1];
        follower[0] = new LiveFollower(
                request, classes, room, (plan, snapshot) -> run.follow(plan, snapshot, follower[0]), millisClock);
        // The percentage is unknown while the room runs: it moves only once the room has ended.
        Progress progress = new Progress(Long.MAX_VALUE, request.hasVideo(), listener, nanoClock);
        return run.compose(follower[0], follower[0], progress, output);
    }

    /** One composition's sources, threads and outputs; {@link #closeAll} frees them. */
    private final class Run {
        final CompositionRequest request;
        final boolean hasVideo;
        final boolean hasAudio;
        final List<String> warnings = new CopyOnWriteArrayList<>();
        final Map<String, VideoSourceReader> readers = new ConcurrentHashMap<>();
        final Map<String, SourceCursor> cursors = new ConcurrentHashMap<>();
        final List<AudioSourceReader> audio = new CopyOnWriteArrayList<>();
        final Set<String> audioSids = ConcurrentHashMap.newKeySet();
        final Workers workers = new Workers("composer");
        Muxer muxer;
        Encoder videoEncoder;
        Encoder audioEncoder;
        VideoTrack video;
        volatile AudioTrack audioTrack;
        volatile Progress progress;

        Run(CompositionRequest request, boolean hasVideo, boolean hasAudio) {
            this.request = request;
            this.hasVideo = hasVideo;
            this.hasAudio = hasAudio;
        }

        void addVideo(VideoSourceReader r, boolean start) {
            readers.put(r.source().recordingSid(), r);
            cursors.put(r.source().recordingSid(), new SourceCursor(r));
            if (start) {
                workers.startQuiet("decode-" + r.source().recordingSid(), r);
            }
        }

        /** A live plan changed: readers for the sources that joined it, the newest facts for the others. */
        void follow(CompositionPlan plan, LiveRoom.Snapshot snapshot, LiveFollower follower) {
            Progress p = progress;
            if (snapshot.ended() && p != null) {
                // The room is over: from here on the percentage is of the whole file.
                p.total(
                        hasVideo
                                ? VideoTrack.frameCount(plan.durationMs(), settings.frameRate())
                                : plan.durationMs() * (Encoder.SAMPLE_RATE / 1000));
            }
            for (SourceRecording s : plan.videoSources()) {
                VideoSourceReader r = readers.get(s.recordingSid());
                if (r != null) {
                    r.follow(s, plan.video());
                    continue;
                }
                GrowingFile file = new GrowingFile(s.file(), () -> !follower.writing(s));
                addVideo(
                        new VideoSourceReader(s, plan.video(), request.resolution(), file, settings.queueFrames()),
                        true);
            }
            for (VideoSourceReader r : readers.values()) {
                r.follow(r.source(), plan.video());
            }
            if (!hasAudio) {
                return;
            }
            for (SourceRecording s : plan.audioSources()) {
                if (audioSids.add(s.recordingSid())) {
                    GrowingFile file = new GrowingFile(s.file(), () -> !follower.writing(s));
                    AudioSourceReader a = new AudioSourceReader(s, follower.audioOriginMs(), file);
                    audio.add(a);
                    workers.startQuiet("decode-" + s.recordingSid(), a);
                } else {
                    audio.stream()
                            .filter(a -> a.source().recordingSid().equals(s.recordingSid()))
                            .forEach(a -> a.follow(s));
                }
            }
        }

        CompositionResult compose(Stages stages, LiveFollower follower, Progress progress, Path output)
                throws CompositionFailedException, InterruptedException {
            this.progress = progress;
            Path partial = output.resolveSibling(output.getFileName() + ".part");
            try {
                try {
                    muxer = Muxer.create(partial, request.format());
                    if (hasVideo) {
                        videoEncoder = Encoder.video(
                                request.format(),
                                request.resolution(),
                                settings,
                                request.rateControl(),
                                muxer.wantsGlobalHeader());
                        videoEncoder.connect(muxer);
                    }
                    if (hasAudio) {
                        audioEncoder = Encoder.audio(request.format(), settings, muxer.wantsGlobalHeader());
                        audioEncoder.connect(muxer);
                    }
                    muxer.start();
                } catch (FfmpegException e) {
                    throw new CompositionFailedException("The output could not be set up: " + e.getMessage(), e);
                }
                Pacer pacer = new Pacer();
                if (!hasVideo) {
                    pacer.release();
                }
                if (hasVideo) {
                    video = new VideoTrack(
                            stages, request.resolution(), cursors, videoEncoder, settings, pacer, progress);
                    VideoTrack track = video;
                    readers.values()
                            .forEach(r ->
                                    workers.startQuiet("decode-" + r.source().recordingSid(), r));
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
                if (hasAudio) {
                    audio.forEach(a -> workers.startQuiet("decode-" + a.source().recordingSid(), a));
                    AudioTrack track = new AudioTrack(stages, audio, audioEncoder, pacer, progress);
                    audioTrack = track;
                    workers.start("audio", () -> {
                        try {
                            track.run();
                        } finally {
                            audio.forEach(AudioSourceReader::cancel);
                        }
                    });
                }
                if (follower != null) {
                    // Last: the readers it opens start on their own, after the tracks'.
                    workers.start("follow", () -> follower.run(() -> reportLag(progress)));
                }
                workers.joinAll();
                if (Thread.interrupted()) {
                    throw new InterruptedException("composition cancelled");
                }
                Throwable failure = workers.failure();
                if (failure instanceof CompositionFailedException c) {
                    throw c;
                }
                if (failure != null) {
                    throw new CompositionFailedException(reason(failure), failure);
                }
                try {
                    muxer.finish();
                } catch (FfmpegException e) {
                    throw new CompositionFailedException("The output could not be finished: " + e.getMessage(), e);
                }
                CompositionPlan plan = stages.current().plan();
                collectWarnings(cursors, audio, stages.audioOriginMs(), warnings);
                closeAll();
                Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
                long size = Files.size(output);
                long kbps = plan.durationMs() > 0 ? size * 8 / plan.durationMs() : 0;
                return new CompositionResult(
                        output, plan.durationMs(), size, kbps, hasVideo, hasAudio, List.copyOf(warnings));
            } catch (IOException e) {
                throw new CompositionFailedException("The output file could not be stored: " + e.getMessage(), e);
            } finally {
                closeAll();
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // Best effort: a stale .part file is overwritten by the next attempt.
                }
            }
        }

        private long lastLagReport = Long.MIN_VALUE;

        /** While the room runs, tells the listener every few seconds how far behind it the output is. */
        private void reportLag(Progress progress) {
            long composed = Math.max(
                    video == null ? Long.MIN_VALUE : video.composedMicros(),
                    audioTrack == null ? Long.MIN_VALUE : audioTrack.composedMicros());
            long now = System.nanoTime();
            if (composed == Long.MIN_VALUE
                    || lastLagReport != Long.MIN_VALUE && now - lastLagReport < LAG_REPORT_NANOS) {
                return;
            }
            lastLagReport = now;
            progress.live(Math.max(0, System.currentTimeMillis() - composed / 1000));
        }

        void closeAll() {
            readers.values().forEach(VideoSourceReader::cancel);
            audio.forEach(AudioSourceReader::cancel);
            readers.values().forEach(VideoSourceReader::drain);
            cursors.values().forEach(SourceCursor::close);
            readers.values().forEach(VideoSourceReader::drain);
            audio.forEach(AudioSourceReader::close);
            if (video != null) {
                video.close();
                video = null;
            }
            if (videoEncoder != null) {
                videoEncoder.close();
                videoEncoder = null;
            }
            if (audioEncoder != null) {
                audioEncoder.close();
                audioEncoder = null;
            }
            if (muxer != null) {
                muxer.close();
                muxer = null;
            }
            readers.clear();
            audio.clear();
            cursors.clear();
        }
    }

    private void openSources(CompositionPlan plan, Run run) throws CompositionFailedException {
        int selected = 0;
        // Few sources leave cores idle: let each decoder use frame threads. Many sources already
        // decode in parallel, one thread each.
        int decoderThreads = plan.videoSources().size() < Runtime.getRuntime().availableProcessors() ? 0 : 1;
        for (SourceRecording s : plan.videoSources()) {
            selected++;
            try {
                MediaInput in = MediaInput.open(s.file(), AVMEDIA_TYPE_VIDEO, decoderThreads);
                run.addVideo(
                        new VideoSourceReader(s, plan.video(), plan.request().resolution(), in, settings.queueFrames()),
                        false);
            } catch (FfmpegException e) {
                run.warnings.add("Video recording " + s.recordingSid() + " (" + s.trackName()
                        + ") was skipped: it could not be read (" + e.getMessage() + ")");
            }
        }
        for (SourceRecording s : plan.audioSources()) {
            selected++;
            try {
                run.audio.add(new AudioSourceReader(s, plan.timeline().originMs()));
            } catch (FfmpegException e) {
                run.warnings.add("Audio recording " + s.recordingSid() + " (" + s.trackName()
                        + ") was skipped: it could not be read (" + e.getMessage() + ")");
            }
        }
        if (selected > 0 && run.readers.isEmpty() && run.audio.isEmpty()) {
            throw new CompositionFailedException(
                    "None of the selected recordings could be read: " + String.join("; ", run.warnings));
        }
    }

    /** A recording whose media stops this much before its stated end is reported as cut short. */
    private static final long SHORT_BY_MS = 1000;

    private static void collectWarnings(
            Map<String, SourceCursor> cursors, List<AudioSourceReader> audio, long originMs, List<String> warnings) {
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

    private static String reason(Throwable failure) {
        if (failure instanceof FfmpegException) {
            return "Encoding failed: " + failure.getMessage();
        }
        return "Composition failed: " + failure;
    }
}
