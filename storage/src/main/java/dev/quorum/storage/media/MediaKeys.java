package dev.quorum.storage.media;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The media store's key scheme and what a key's extension says about its content. Recordings
 * are {@code recordings/<AC>/<RM>/<RT>.<mka|mkv>}, compositions
 * {@code compositions/<AC>/<CJ>.<mp4|webm>}.
 */
public final class MediaKeys {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int MAX_LENGTH = 512;

    private MediaKeys() {}

    /** The key of a recording's file; {@code container} is {@code mka} or {@code mkv}. */
    public static String recording(String accountSid, String roomSid, String recordingSid, String container) {
        return validate("recordings/" + accountSid + "/" + roomSid + "/" + recordingSid + "." + container);
    }

    /** The key of a composition's file; {@code format} is {@code mp4} or {@code webm}. */
    public static String composition(String accountSid, String compositionSid, String format) {
        return validate("compositions/" + accountSid + "/" + compositionSid + "." + format);
    }

    /**
     * Returns {@code key} if it is a valid key.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String validate(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Media key must be 1–" + MAX_LENGTH + " characters");
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("Invalid media key '" + key + "': segments are letters, digits,"
                        + " '.', '_' and '-', not starting with a dot, joined by '/'");
            }
        }
        return key;
    }

    /** True if {@link #validate} would accept the key. */
    public static boolean isValid(String key) {
        try {
            validate(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The MIME type of a key by its extension; {@code application/octet-stream} if unknown. */
    public static String contentType(String key) {
        int dot = key.lastIndexOf('.');
        String ext = dot < 0 ? "" : key.substring(dot + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "mka" -> "audio/x-matroska";
            case "mkv" -> "video/x-matroska";
            case "mp4" -> "video/mp4";
            case "webm" -> "video/webm";
            case "zip" -> "application/zip";
            default -> "application/octet-stream";
        };
    }

    /** The file name part of a key ({@code RT….mka}). */
    public static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
