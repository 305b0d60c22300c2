package dev.quorum.storage.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMediaStoreTest {

    @TempDir
    Path dir;

    private static final String KEY =
            MediaKeys.recording("AC" + "1".repeat(32), "RM" + "2".repeat(32), "RT" + "3".repeat(32), "mka");

    private static void write(MediaWriter w, String s) throws IOException {
        w.channel().write(ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void writtenFileIsReadableWholeAndByRange() throws IOException {
        LocalMediaStore store = new LocalMediaStore(dir.resolve("media"));
        try (MediaWriter w = store.create(KEY)) {
            write(w, "0123456789");
            w.sync();
            write(w, "abcdef");
            assertThat(w.commit()).isEqualTo(16);
        }
        MediaObject o = store.open(KEY).orElseThrow();
        assertThat(o.size()).isEqualTo(16);
        assertThat(o.contentType()).isEqualTo("audio/x-matroska");
        assertThat(o.localPath()).contains(dir.resolve("media").resolve(KEY));
        try (InputStream in = o.read(8, 4)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("89ab");
        }
        try (InputStream in = o.read(0, 100)) {
            assertThat(in.readAllBytes()).hasSize(16);
        }
    }

    @Test
    void aKeyIsCreatedOnceAndCanBeReopenedToFinishIt() throws IOException {
        LocalMediaStore store = new LocalMediaStore(dir);
        MediaWriter w = store.create(KEY);
        write(w, "head");
        w.sync();
        w.close(); // a writer that stopped without committing keeps what it wrote
        assertThatThrownBy(() -> store.create(KEY)).isInstanceOf(FileAlreadyExistsException.class);
        try (MediaWriter again = store.reopen(KEY)) {
            assertThat(again.channel().position()).isEqualTo(4);
            write(again, "tail");
            again.commit();
        }
        assertThat(Files.readString(store.pathOf(KEY))).isEqualTo("headtail");
        assertThatThrownBy(() -> store.reopen(KEY + "x")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void deleteAndAbortRemoveTheFile() throws IOException {
        LocalMediaStore store = new LocalMediaStore(dir);
        store.create(KEY).commit();
        assertThat(store.exists(KEY)).isTrue();
        assertThat(store.delete(KEY)).isTrue();
        assertThat(store.delete(KEY)).isFalse();
        assertThat(store.open(KEY)).isEmpty();
        MediaWriter w = store.create(KEY);
        write(w, "partial");
        w.abort();
        assertThat(store.exists(KEY)).isFalse();
    }

    @Test
    void keysCannotEscapeTheStoreOrUseOddCharacters() throws IOException {
        LocalMediaStore store = new LocalMediaStore(dir.resolve("media"));
        for (String bad : new String[] {
            "../etc/passwd", "a/../../b", "/abs", "a//b", ".hidden", "a/.x", "sp ace", "a\\b", "", "x/", "ü"
        }) {
            assertThatThrownBy(() -> store.create(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.open(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(MediaKeys.isValid("compositions/AC1/CJ2.mp4")).isTrue();
    }

    @Test
    void contentTypesFollowTheExtension() {
        assertThat(MediaKeys.contentType("a/RT1.mka")).isEqualTo("audio/x-matroska");
        assertThat(MediaKeys.contentType("a/RT1.mkv")).isEqualTo("video/x-matroska");
        assertThat(MediaKeys.contentType("a/CJ1.mp4")).isEqualTo("video/mp4");
        assertThat(MediaKeys.contentType("a/CJ1.webm")).isEqualTo("video/webm");
        assertThat(MediaKeys.contentType("a/x.zip")).isEqualTo("application/zip");
        assertThat(MediaKeys.contentType("a/x")).isEqualTo("application/octet-stream");
        assertThat(MediaKeys.fileName(KEY)).isEqualTo("RT" + "3".repeat(32) + ".mka");
    }
}
