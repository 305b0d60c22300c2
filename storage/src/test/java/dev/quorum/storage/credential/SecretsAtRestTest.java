package dev.quorum.storage.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.StoreException;
import dev.quorum.storage.testing.StoreTestBase;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * AWS secrets of {@code /v1/Credentials/AWS} are kept encrypted with the server's secrets key:
 * the database column never holds the secret, rows written in plaintext by earlier versions are
 * encrypted at the next start, and a server with another key refuses to start rather than hand
 * out garbage.
 */
class SecretsAtRestTest extends StoreTestBase {

    static final String AC = "AC" + "a".repeat(32);
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void theDatabaseHoldsTheSecretOnlyEncrypted() throws Exception {
        Credential c = store.credentials().createAws(AC, "bucket", "AKIAEXAMPLE", SECRET);

        assertThat(c.awsSecret()).isEqualTo(SECRET);
        String raw = rawSecret(c.sid());
        assertThat(raw).doesNotContain(SECRET).startsWith("v1:");
        assertThat(store.credentials()
                        .find(AC, Credential.AWS, c.sid())
                        .orElseThrow()
                        .awsSecret())
                .isEqualTo(SECRET);
        assertThat(Files.getPosixFilePermissions(dir.resolve("secrets.key")))
                .as("the generated key is readable by the server's user only")
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        restart();
        assertThat(store.credentials()
                        .find(AC, Credential.AWS, c.sid())
                        .orElseThrow()
                        .awsSecret())
                .as("after a restart, with the key kept in the data directory")
                .isEqualTo(SECRET);
    }

    @Test
    void plaintextSecretsOfEarlierVersionsAreReadAndEncryptedAtTheNextStart() throws Exception {
        String sid = "CR" + "1".repeat(32);
        try (Connection db = connect();
                PreparedStatement p = db.prepareStatement("INSERT INTO credentials (sid, account_sid, type,"
                        + " friendly_name, aws_key_id, aws_secret, public_key, date_created, date_updated)"
                        + " VALUES (?, ?, 'aws', 'old', 'AKIAOLD', ?, NULL, 0, 0)")) {
            p.setString(1, sid);
            p.setString(2, AC);
            p.setString(3, SECRET);
            p.executeUpdate();
        }
        assertThat(store.credentials()
                        .find(AC, Credential.AWS, sid)
                        .orElseThrow()
                        .awsSecret())
                .isEqualTo(SECRET);

        restart();
        assertThat(rawSecret(sid)).doesNotContain(SECRET).startsWith("v1:");
        assertThat(store.credentials()
                        .find(AC, Credential.AWS, sid)
                        .orElseThrow()
                        .awsSecret())
                .isEqualTo(SECRET);
    }

    @Test
    void aServerWithAnotherKeyRefusesToStartAndSaysWhy() {
        Credential c = store.credentials().createAws(AC, "bucket", "AKIAEXAMPLE", SECRET);
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);

        assertThatThrownBy(() -> MetadataStore.open(fixture.config().withSecretsKey(otherKey), clock)
                        .close())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("The stored secret of " + c.sid() + " was encrypted with the secrets key")
                .hasMessageContaining("every server sharing the database must be given the same storage.secrets-key");
        assertThat(store.credentials()
                        .find(AC, Credential.AWS, c.sid())
                        .orElseThrow()
                        .awsSecret())
                .as("the running server still reads it")
                .isEqualTo(SECRET);
    }

    @Test
    void aKeyThatIsNotThirtyTwoBytesIsRefused() {
        assertThatThrownBy(() -> fixture.config().withSecretsKey("c2hvcnQ="))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("storage.secrets-key must be 32 bytes");
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(fixture.config().databaseUrl());
    }

    private String rawSecret(String sid) throws Exception {
        try (Connection db = connect();
                PreparedStatement p = db.prepareStatement("SELECT aws_secret FROM credentials WHERE sid = ?")) {
            p.setString(1, sid);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
