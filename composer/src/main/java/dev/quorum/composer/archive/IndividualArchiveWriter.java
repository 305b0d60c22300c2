package dev.quorum.composer.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an individual-stream archive as a ZIP: every recording stored as it is (media does not
 * compress; storing keeps it seekable inside the ZIP), named after its stream, and a
 * {@code manifest.json} with {@code createdAt}, {@code files} (filename, size, startTimeOffset,
 * stopTimeOffset, streamId, videoType, connectionData), {@code id}, {@code name},
 * {@code partnerId} and {@code sessionId}. A stream recorded in several files gets its segments
 * numbered after the stream id ({@code MT…-1.mkv}, {@code MT…-2.mkv}) in the order listed
 * (start order for {@link IndividualArchive#ofRecordings}).
 */
public final class IndividualArchiveWriter {

    public static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private IndividualArchiveWriter() {}

    /**
     * Writes the archive to {@code out}, which stays open.
     *
     * @return the manifest written, as JSON
     * @throws IOException when a recording cannot be read or the output written
     */
    public static String write(IndividualArchive archive, OutputStream out) throws IOException {
        return write(archive, out, MANIFEST);
    }

    /**
     * Writes the archive with its manifest named {@code manifestName} (an archive of the archive
     * API names it {@code <archiveId>.json}, as the hosted service's ZIPs do).
     */
    public static String write(IndividualArchive archive, OutputStream out, String manifestName) throws IOException {
        List<String> names = fileNames(archive.streams());
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("createdAt", archive.createdAt());
        ArrayNode files = manifest.putArray("files");
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        byte[] buf = new byte[64 * 1024];
        for (int i = 0; i < archive.streams().size(); i++) {
            ArchiveStream s = archive.streams().get(i);
            long size = Files.size(s.file());
            ZipEntry e = new ZipEntry(names.get(i));
            e.setMethod(ZipEntry.STORED);
            e.setSize(size);
            e.setCompressedSize(size);
            e.setCrc(crc(s, buf));
            e.setTime(s.startMs());
            zip.putNextEntry(e);
            try (InputStream in = Files.newInputStream(s.file())) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    zip.write(buf, 0, n);
                }
            }
            zip.closeEntry();
            ObjectNode f = files.addObject();
            f.put("connectionData", s.connectionData() == null ? "" : s.connectionData());
            f.put("filename", names.get(i));
            f.put("size", size);
            f.put("startTimeOffset", s.startMs() - archive.createdAt());
            f.put("stopTimeOffset", s.stopMs() - archive.createdAt());
            f.put("streamId", s.streamId());
            if (s.videoType() != null) {
                f.put("videoType", s.videoType());
            }
        }
        manifest.put("id", archive.id());
        manifest.put("name", archive.name());
        if (archive.partnerId() != null && archive.partnerId().matches("[0-9]{1,18}")) {
            manifest.put("partnerId", Long.parseLong(archive.partnerId())); // an API key is a number
        } else if (archive.partnerId() != null) {
            manifest.put("partnerId", archive.partnerId());
        }
        manifest.put("sessionId", archive.sessionId());
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest);
        ZipEntry m = new ZipEntry(manifestName);
        m.setTime(archive.createdAt());
        zip.putNextEntry(m);
        zip.write(json.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.finish();
        zip.flush();
        return json;
    }

    /** {@code <streamId>.<ext>}, or {@code <streamId>-<n>.<ext>} when a stream has several files. */
    static List<String> fileNames(List<ArchiveStream> streams) {
        Map<String, Integer> count = new HashMap<>();
        streams.forEach(s -> count.merge(s.streamId(), 1, Integer::sum));
        Map<String, Integer> seen = new HashMap<>();
        return streams.stream()
                .map(s -> {
                    if (count.get(s.streamId()) == 1) {
                        return s.streamId() + "." + s.extension();
                    }
                    int n = seen.merge(s.streamId(), 1, Integer::sum);
                    return s.streamId() + "-" + n + "." + s.extension();
                })
                .toList();
    }

    private static long crc(ArchiveStream s, byte[] buf) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(s.file())) {
            int n;
            while ((n = in.read(buf)) > 0) {
                crc.update(buf, 0, n);
            }
        }
        return crc.getValue();
    }
}
