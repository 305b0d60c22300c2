package dev.quorum.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.StoreException;
import dev.quorum.storage.testing.StoreTestBase;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class MigratorTest extends StoreTestBase {

    private Database db() {
        var c = fixture.config();
        return Database.open(c.databaseUrl(), c.databaseUser(), c.databasePassword(), 2, c.databaseConnectTimeout());
    }

    @Test
    void freshDatabaseIsMigratedToTheLatestVersionOnce() {
        int latest = Migrator.load(getClass().getClassLoader(), MetadataStore.MIGRATIONS)
                .size();
        assertThat(store.schemaVersion()).isEqualTo(latest).isGreaterThanOrEqualTo(1);
        restart();
        try (Database db = db()) {
            long applied = db.read(tx -> tx.scalar("SELECT COUNT(*) FROM schema_version"));
            assertThat(applied).isEqualTo(latest);
        }
    }

    @Test
    void databaseMigratedByANewerServerIsRefused() {
        try (Database db = db()) {
            db.write(tx -> tx.update(
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'future', 0)"));
        }
        store.close();
        assertThatThrownBy(() -> MetadataStore.open(fixture.config(), clock))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 999")
                .hasMessageContaining("newer server");
        try (Database db = db()) {
            db.write(tx -> tx.update("DELETE FROM schema_version WHERE version = 999"));
        }
        restart();
    }

    @Test
    void aFailingScriptStopsTheMigrationNamingItAndTheDatabaseStaysUsable() {
        List<Migrator.Script> real = Migrator.load(getClass().getClassLoader(), MetadataStore.MIGRATIONS);
        try (Database db = db()) {
            Migrator broken = new Migrator(
                    db,
                    clock,
                    concat(
                            real,
                            new Migrator.Script(
                                    real.size() + 1, "bad", "CREATE TABLE probe_b (x INTEGER);\nTHIS IS NOT SQL;")));
            assertThatThrownBy(broken::migrate)
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("Migration " + (real.size() + 1) + " (bad)");
            assertThatThrownBy(() -> db.read(tx -> tx.scalar("SELECT COUNT(*) FROM probe_b")))
                    .isInstanceOf(StoreException.class);
            long version = db.read(tx -> tx.scalar("SELECT MAX(version) FROM schema_version"));
            assertThat(version).isEqualTo(real.size());
        }
        assertThat(restart().schemaVersion()).isEqualTo(real.size());
    }

    @Test
    void pendingScriptsRunInOneTransaction() {
        try (Database db = db()) {
            long before = db.read(tx -> tx.scalar("SELECT COUNT(*) FROM schema_version"));
            Migrator extra = new Migrator(
                    db,
                    clock,
                    concat(
                            Migrator.load(getClass().getClassLoader(), MetadataStore.MIGRATIONS),
                            new Migrator.Script((int) before + 1, "adds t1", "CREATE TABLE extra_t1 (x INTEGER);"),
                            new Migrator.Script(
                                    (int) before + 2,
                                    "fails",
                                    "CREATE TABLE extra_t2 (x INTEGER);\nSELECT * FROM no_such_table;")));
            assertThatThrownBy(extra::migrate).isInstanceOf(StoreException.class);
            long after = db.read(tx -> tx.scalar("SELECT COUNT(*) FROM schema_version"));
            assertThat(after).isEqualTo(before);
            assertThatThrownBy(() -> db.read(tx -> tx.scalar("SELECT COUNT(*) FROM extra_t1")))
                    .isInstanceOf(StoreException.class);
        }
    }

    @Test
    void statementsSplitAtLineEndSemicolonsAndSkipComments() {
        assertThat(Migrator.statements("-- comment\nCREATE TABLE a (x INTEGER);\n\nCREATE INDEX i\n  ON a (x);\n"))
                .containsExactly("CREATE TABLE a (x INTEGER)", "CREATE INDEX i\n  ON a (x)");
    }

    private static List<Migrator.Script> concat(List<Migrator.Script> a, Migrator.Script... more) {
        var all = new java.util.ArrayList<>(a);
        all.addAll(List.of(more));
        return all;
    }
}
