package dev.quorum.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.storage.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs each test against a live API server, once on SQLite and once on PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
public abstract class ApiTestBase {

    @Parameter
    protected TestDatabase database;

    @TempDir
    protected Path dir;

    protected ApiServer server;
    protected TestClient api;

    @BeforeEach
    void startServer() {
        server = new ApiServer(database, dir);
        api = server.client();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Asserts the hosted service's error body and returns it. */
    protected static JsonObject assertError(TestClient.Reply r, int status, int code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        JsonObject e = r.json();
        assertThat(e.getInteger("code")).as(r.toString()).isEqualTo(code);
        assertThat(e.getInteger("status")).isEqualTo(status);
        assertThat(e.getString("message")).isNotBlank();
        assertThat(e.getString("more_info")).isEqualTo("https://www.twilio.com/docs/errors/" + code);
        return e;
    }
}
