package dev.quorum.storage.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.storage.testing.StoreTestBase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsoleSessionStoreTest extends StoreTestBase {

    static final String ACCOUNT = "AC" + "a".repeat(32);

    @Test
    void aSessionIsFoundByItsHashAcrossARestartUntilSignedOut() {
        Instant end = clock.instant().plus(Duration.ofHours(12));
        store.consoleSessions().create("h1", ACCOUNT, ACCOUNT, "s1", "csrf1", end);
        ConsoleSession s = restart().consoleSessions().find("h1").orElseThrow();
        assertThat(s.accountSid()).isEqualTo(ACCOUNT);
        assertThat(s.credentialSid()).isEqualTo(ACCOUNT);
        assertThat(s.secretHash()).isEqualTo("s1");
        assertThat(s.csrfToken()).isEqualTo("csrf1");
        assertThat(s.expiresAt()).isEqualTo(end);
        assertThat(s.lastSeen()).isEqualTo(clock.instant());
        assertThat(store.consoleSessions().find("h2")).isEmpty();

        assertThat(store.consoleSessions().delete("h1")).isTrue();
        assertThat(store.consoleSessions().find("h1")).isEmpty();
        assertThat(store.consoleSessions().delete("h1")).isFalse();
    }

    @Test
    void touchOnlyMovesLastSeenForward() {
        store.consoleSessions()
                .create("h1", ACCOUNT, ACCOUNT, "s", "c", clock.instant().plus(Duration.ofHours(1)));
        Instant later = clock.instant().plusSeconds(90);
        store.consoleSessions().touch("h1", later);
        store.consoleSessions().touch("h1", later.minusSeconds(30));
        assertThat(store.consoleSessions().find("h1").orElseThrow().lastSeen()).isEqualTo(later);
    }

    @Test
    void purgeForgetsEndedAndIdleSessionsOnly() {
        Instant start = clock.instant();
        store.consoleSessions().create("ended", ACCOUNT, ACCOUNT, "s", "c", start.plus(Duration.ofMinutes(10)));
        store.consoleSessions().create("idle", ACCOUNT, ACCOUNT, "s", "c", start.plus(Duration.ofHours(12)));
        store.consoleSessions().create("busy", ACCOUNT, ACCOUNT, "s", "c", start.plus(Duration.ofHours(12)));
        clock.advance(Duration.ofMinutes(40));
        store.consoleSessions().touch("busy", clock.instant());

        int purged = store.consoleSessions().purgeExpired(clock.instant().minus(Duration.ofMinutes(30)));

        assertThat(purged).isEqualTo(2);
        assertThat(store.consoleSessions().find("ended")).isEmpty();
        assertThat(store.consoleSessions().find("idle")).isEmpty();
        assertThat(store.consoleSessions().find("busy")).isPresent();
    }
}
