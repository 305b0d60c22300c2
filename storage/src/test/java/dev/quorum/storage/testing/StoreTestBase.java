package dev.quorum.storage.testing;

import dev.quorum.rtp.testing.MutableClock;
import dev.quorum.storage.MetadataStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of a subclass once on SQLite and once on PostgreSQL, each with a fresh
 * database and a clock the test moves.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
public abstract class StoreTestBase {

    @Parameter
    protected TestDatabase database;

    @TempDir
    protected Path dir;

    protected final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    protected StoreFixture fixture;
    protected MetadataStore store;

    @BeforeEach
    void openStore() {
        fixture = StoreFixture.open(database, dir, clock);
        store = fixture.store();
    }

    @AfterEach
    void closeStore() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Closes and reopens the store on the same data, as a restart does. */
    protected MetadataStore restart() {
        store = fixture.reopen();
        return store;
    }
}
