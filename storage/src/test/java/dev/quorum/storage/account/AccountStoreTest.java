package dev.quorum.storage.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.storage.Page;
import dev.quorum.storage.testing.StoreTestBase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class AccountStoreTest extends StoreTestBase {

    private static final String AC1 = "AC" + "1".repeat(32);
    private static final String AC2 = "AC" + "2".repeat(32);

    private Account configured(String sid, String token) {
        return new Account(
                sid, "acme", token, Account.CONFIGURED, true, "https://cb.example/rooms", "GET", true, null, null);
    }

    @Test
    void configuredAccountsFollowTheConfiguration() {
        store.accounts().syncConfigured(List.of(configured(AC1, "t1"), configured(AC2, "t2")));
        assertThat(store.accounts().enabled()).extracting(Account::sid).containsExactly(AC1, AC2);

        store.accounts().syncConfigured(List.of(configured(AC1, "rotated")));
        assertThat(store.accounts().enabled()).extracting(Account::sid).containsExactly(AC1);
        assertThat(store.accounts().find(AC1).orElseThrow().authToken()).isEqualTo("rotated");
        Account gone = store.accounts().find(AC2).orElseThrow();
        assertThat(gone.enabled()).isFalse();
        assertThat(store.accounts().find(AC1).orElseThrow().roomStatusCallbackMethod())
                .isEqualTo("GET");
        assertThat(store.accounts().find(AC1).orElseThrow().recordParticipantsOnConnect())
                .isTrue();
    }

    @Test
    void developmentCredentialsAreCreatedOnceAndSurviveRestart() {
        AccountStore.DevelopmentCredentials first = store.accounts().ensureDevelopment();
        assertThat(first.createdNow()).isTrue();
        assertThat(first.account().sid()).matches("AC[0-9a-f]{32}");
        assertThat(first.apiKey().sid()).matches("SK[0-9a-f]{32}");
        assertThat(first.apiKey().secret()).hasSize(32);
        assertThat(first.apiKey().accountSid()).isEqualTo(first.account().sid());

        restart();
        AccountStore.DevelopmentCredentials again = store.accounts().ensureDevelopment();
        assertThat(again.createdNow()).isFalse();
        assertThat(again.account()).isEqualTo(first.account());
        assertThat(again.apiKey()).isEqualTo(first.apiKey());
    }

    @Test
    void apiKeysAreManagedPerAccountAndPaged() {
        store.accounts().syncConfigured(List.of(configured(AC1, "t1"), configured(AC2, "t2")));
        ApiKey a = store.apiKeys().create(AC1, "first");
        clock.advance(Duration.ofSeconds(1));
        ApiKey b = store.apiKeys().create(AC1, "second");
        clock.advance(Duration.ofSeconds(1));
        ApiKey c = store.apiKeys().create(AC1, "third");
        ApiKey other = store.apiKeys().create(AC2, "theirs");

        Page<ApiKey> p1 = store.apiKeys().list(AC1, null, 2);
        assertThat(p1.items()).extracting(ApiKey::sid).containsExactly(c.sid(), b.sid());
        Page<ApiKey> p2 = store.apiKeys().list(AC1, p1.next().orElseThrow(), 2);
        assertThat(p2.items()).extracting(ApiKey::sid).containsExactly(a.sid());
        assertThat(p2.next()).isEmpty();

        assertThat(store.apiKeys().find(AC1, other.sid())).isEmpty();
        assertThat(store.apiKeys().find(other.sid()).orElseThrow().accountSid()).isEqualTo(AC2);
        assertThat(store.apiKeys().rename(AC2, a.sid(), "stolen")).isEmpty();
        assertThat(store.apiKeys().rename(AC1, a.sid(), "renamed").orElseThrow().friendlyName())
                .isEqualTo("renamed");
        assertThat(store.apiKeys().delete(AC2, a.sid())).isFalse();
        assertThat(store.apiKeys().delete(AC1, a.sid())).isTrue();
        assertThat(store.apiKeys().find(a.sid())).isEmpty();
    }

    @Test
    void configuredKeysRemovedFromTheConfigurationAreRevoked() {
        store.accounts().syncConfigured(List.of(configured(AC1, "t1")));
        ApiKey k = new ApiKey("SK" + "a".repeat(32), AC1, "cfg", "s3cret", ApiKey.CONFIGURED, null, null);
        store.apiKeys().syncConfigured(List.of(k));
        ApiKey managed = store.apiKeys().create(AC1, "made over the API");
        assertThat(store.apiKeys().find(k.sid()).orElseThrow().secret()).isEqualTo("s3cret");

        store.apiKeys().syncConfigured(List.of());
        assertThat(store.apiKeys().find(k.sid())).isEmpty();
        assertThat(store.apiKeys().find(managed.sid())).isPresent();
    }
}
