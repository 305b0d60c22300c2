package dev.quorum.storage.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.storage.testing.StoreTestBase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class SettingsStoreTest extends StoreTestBase {

    static final String AC = "AC" + "1".repeat(32);

    @Test
    void settingsAreSingletonsPerAccountAndKind() {
        assertThat(store.settings().find(AC, MediaSettings.Kind.RECORDING)).isEmpty();
        MediaSettings rs = new MediaSettings(
                AC,
                MediaSettings.Kind.RECORDING,
                "rs",
                "CR" + "a".repeat(32),
                "https://bucket.s3.amazonaws.com/recordings",
                true,
                null,
                false,
                null);
        store.settings().put(rs);
        store.settings()
                .put(new MediaSettings(
                        AC,
                        MediaSettings.Kind.COMPOSITION,
                        "cs",
                        null,
                        null,
                        false,
                        "CR" + "b".repeat(32),
                        true,
                        null));
        store.settings()
                .put(new MediaSettings(AC, MediaSettings.Kind.RECORDING, "rs2", null, null, false, null, false, null));
        restart();
        MediaSettings r =
                store.settings().find(AC, MediaSettings.Kind.RECORDING).orElseThrow();
        assertThat(r.friendlyName()).isEqualTo("rs2");
        assertThat(r.awsS3Url()).isNull();
        assertThat(r.awsStorageEnabled()).isFalse();
        MediaSettings c =
                store.settings().find(AC, MediaSettings.Kind.COMPOSITION).orElseThrow();
        assertThat(c.encryptionEnabled()).isTrue();
        assertThat(c.encryptionKeySid()).isEqualTo("CR" + "b".repeat(32));
        assertThat(store.settings().find("AC" + "2".repeat(32), MediaSettings.Kind.COMPOSITION))
                .isEmpty();
    }
}
