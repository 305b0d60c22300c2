package dev.quorum.api.media;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.Call;
import dev.quorum.api.http.Params;
import dev.quorum.storage.media.MediaKeys;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.url.MediaUrlSigner;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The {@code …/Media} answer: 302 to a signed, expiring link on this server, with the same link in
 * the JSON body as {@code redirect_to}. {@code Ttl} (1–3600 s, default 600) sets its lifetime,
 * {@code ContentDisposition} the header the download is served with.
 */
public final class MediaLinks {

    public static final int DEFAULT_TTL = 600;
    public static final int MAX_TTL = 3600;
    private static final Pattern DISPOSITION = Pattern.compile("(?i)^(attachment|inline)(\\s*;\\s*filename=\"[^\"\\p{Cntrl}]{1,200}\")?$");

    private final MediaStore media;
    private final MediaUrlSigner signer;

    public MediaLinks(MediaStore media, MediaUrlSigner signer) {
        this.media = media;
        this.signer = signer;
    }

    /**
     * Answers the media request for a file; 404 when the resource has no media (not completed,
     * deleted, or nothing recorded).
     */
    public void redirect(Call call, String mediaKey) {
        Params q = call.query();
        Integer ttl = q.integer("Ttl", 1, MAX_TTL);
        String disposition = q.string("ContentDisposition");
        if (disposition != null && !DISPOSITION.matcher(disposition.trim()).matches()) {
            throw ApiException.invalid("ContentDisposition", "ContentDisposition must be attachment or inline, optionally"
                    + " followed by ; filename=\"name\", got '" + disposition + "'");
        }
        if (mediaKey == null || !media.exists(mediaKey)) {
            throw new ApiException(404, ApiException.NOT_FOUND, "The media of " + call.path()
                    .replaceAll("/Media$", "") + " is not available");
        }
        String d = disposition != null ? disposition.trim() : "attachment; filename=\"" + MediaKeys.fileName(mediaKey) + "\"";
        call.redirect(call.baseUrl() + signer.sign(mediaKey, Duration.ofSeconds(ttl == null ? DEFAULT_TTL : ttl), d));
    }
}
