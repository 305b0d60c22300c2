package dev.quorum.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.server.api.ConfiguredServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class BannerTest {

    @TempDir
    Path data;

    @Test
    void withoutDevModeTheDemoPageIsOfferedWithATokenFromTheBackendNotAsATwoTabCall() throws Exception {
        try (ConfiguredServer s = ConfiguredServer.start(data, Map.of())) {
            String text = Banner.text(s.server());
            assertThat(text)
                    .contains("Demo page:")
                    .contains("paste an access token your backend minted")
                    .doesNotContain("two tabs")
                    .doesNotContain("Development mode is on");
        }
    }

    @Test
    void inDevModeTheDemoPageIsACallBetweenTwoTabs() throws Exception {
        try (ConfiguredServer s = ConfiguredServer.start(data, Map.of("dev-mode", "true"))) {
            String text = Banner.text(s.server());
            assertThat(text).contains("open it in two tabs").contains("Development mode is on");
        }
    }
}
