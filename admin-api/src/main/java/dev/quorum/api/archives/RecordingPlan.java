package dev.quorum.api.archives;

import dev.quorum.storage.archive.Archive;
import dev.quorum.storage.archive.ArchiveStreamSelection;
import dev.quorum.storage.archive.VideoStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which streams — and which of their media — an archive records now: every published stream in
 * {@code auto} mode, the added ones in {@code manual} mode; as many videos as the output allows
 * (16 composed, chosen by {@link StreamPriority}; 50 individual, by join order) and the first 50
 * with audio.
 */
final class RecordingPlan {

    static final int COMPOSED_VIDEOS = 16;
    static final int INDIVIDUAL_VIDEOS = 50;
    static final int AUDIOS = 50;

    /** One stream in an archive now. */
    record Included(VideoStream stream, boolean audio, boolean video) {
        String audioTrack() {
            return audio ? stream.audioTrackSid() : null;
        }

        String videoTrack() {
            return video ? stream.videoTrackSid() : null;
        }
    }

    private RecordingPlan() {}

    /**
     * @param live     the session's published streams, in the order they were published
     * @param selected a manual archive's added streams (ignored in auto mode)
     */
    static List<Included> of(Archive a, List<VideoStream> live, List<ArchiveStreamSelection> selected) {
        Map<String, boolean[]> wanted = new LinkedHashMap<>();
        if (a.manualStreams()) {
            for (ArchiveStreamSelection s : selected) {
                wanted.put(s.streamId(), new boolean[] {s.hasAudio(), s.hasVideo()});
            }
        }
        List<VideoStream> candidates = new ArrayList<>();
        if (a.manualStreams()) {
            for (String id : wanted.keySet()) {
                live.stream()
                        .filter(s -> s.streamId().equals(id) && s.roomSid().equals(a.roomSid()))
                        .findFirst()
                        .ifPresent(candidates::add);
            }
        } else {
            live.stream().filter(s -> s.roomSid().equals(a.roomSid())).forEach(candidates::add);
        }
        List<VideoStream> videoOrder = candidates.stream()
                .filter(s -> s.videoTrackSid() != null && a.hasVideo() && want(wanted, s, 1, a))
                .toList();
        if (a.composed()) {
            videoOrder = StreamPriority.order(videoOrder);
        }
        List<String> videos = videoOrder.stream()
                .limit(a.composed() ? COMPOSED_VIDEOS : INDIVIDUAL_VIDEOS)
                .map(VideoStream::streamId)
                .toList();
        List<String> audios = candidates.stream()
                .filter(s -> s.audioTrackSid() != null && a.hasAudio() && want(wanted, s, 0, a))
                .limit(AUDIOS)
                .map(VideoStream::streamId)
                .toList();
        List<Included> out = new ArrayList<>();
        for (VideoStream s : candidates) {
            boolean audio = audios.contains(s.streamId());
            boolean video = videos.contains(s.streamId());
            if (audio || video) {
                out.add(new Included(s, audio, video));
            }
        }
        return out;
    }

    private static boolean want(Map<String, boolean[]> wanted, VideoStream s, int media, Archive a) {
        return !a.manualStreams() || wanted.containsKey(s.streamId()) && wanted.get(s.streamId())[media];
    }
}
