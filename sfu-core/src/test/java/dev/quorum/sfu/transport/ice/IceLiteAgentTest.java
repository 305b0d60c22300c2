package dev.quorum.sfu.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IceLiteAgentTest {

    static final long S = TimeUnit.SECONDS.toNanos(1);

    final IceLiteAgent<String> agent = new IceLiteAgent<>(30 * S, 10 * S, 3, 0);

    @Test
    void firstValidCheckSelectsItsTupleBeforeNomination() {
        assertThat(agent.selected()).isNull();
        assertThat(agent.onValidCheck("A", false, S)).isTrue();
        assertThat(agent.selected()).isEqualTo("A");
        assertThat(agent.isNominated()).isFalse();
        assertThat(agent.isValid("A")).isTrue();
        assertThat(agent.isValid("B")).isFalse();
    }

    @Test
    void useCandidateNominatesTheSelectedTuple() {
        agent.onValidCheck("A", false, S);
        assertThat(agent.onValidCheck("A", true, 2 * S)).isFalse();
        assertThat(agent.isNominated()).isTrue();
    }

    @Test
    void aNominatingCheckFromAnotherTupleSwitchesToIt() {
        agent.onValidCheck("A", true, S);
        assertThat(agent.onValidCheck("B", true, 2 * S)).isTrue();
        assertThat(agent.selected()).isEqualTo("B");
        assertThat(agent.isValid("A")).isTrue();
    }

    @Test
    void aPlainCheckFromAnotherTupleDoesNotSwitchWhileTheSelectedOneIsAlive() {
        agent.onValidCheck("A", true, S);
        assertThat(agent.onValidCheck("B", false, 5 * S)).isFalse();
        assertThat(agent.selected()).isEqualTo("A");
        assertThat(agent.isValid("B")).isTrue();
    }

    @Test
    void aPlainCheckFromAnotherTupleTakesOverWhenTheSelectedOneWentQuiet() {
        agent.onValidCheck("A", true, S);
        assertThat(agent.onValidCheck("B", false, 12 * S)).isTrue();
        assertThat(agent.selected()).isEqualTo("B");
        assertThat(agent.isNominated()).isFalse();
    }

    @Nested
    class Consent {
        @Test
        void expiresWithoutAnyCheckAfterCreation() {
            assertThat(agent.isConsentExpired(30 * S)).isFalse();
            assertThat(agent.isConsentExpired(30 * S + 1)).isTrue();
            assertThat(agent.wasEverSelected()).isFalse();
        }

        @Test
        void isRefreshedByChecksOnTheSelectedTuple() {
            agent.onValidCheck("A", true, S);
            agent.onValidCheck("A", false, 25 * S);
            assertThat(agent.isConsentExpired(50 * S)).isFalse();
            assertThat(agent.isConsentExpired(56 * S)).isTrue();
            assertThat(agent.wasEverSelected()).isTrue();
        }

        @Test
        void isNotRefreshedByChecksOnOtherTuplesWhileTheSelectedOneLives() {
            agent.onValidCheck("A", true, 0);
            agent.onValidCheck("B", false, 9 * S);
            assertThat(agent.selected()).isEqualTo("A");
            assertThat(agent.isConsentExpired(31 * S)).isTrue();
        }
    }

    @Test
    void forgettingTheSelectedTupleFallsBackToTheLatestOtherOne() {
        agent.onValidCheck("A", true, S);
        agent.onValidCheck("B", false, 2 * S);
        agent.onValidCheck("C", false, 3 * S);
        assertThat(agent.forget("A")).isTrue();
        assertThat(agent.selected()).isEqualTo("C");
        assertThat(agent.isValid("A")).isFalse();
        assertThat(agent.forget("B")).isFalse();
    }

    @Test
    void theOldestUnselectedTupleIsForgottenBeyondTheLimit() {
        agent.onValidCheck("A", true, S);
        agent.onValidCheck("B", false, 2 * S);
        agent.onValidCheck("C", false, 3 * S);
        agent.onValidCheck("D", false, 4 * S);
        assertThat(agent.validTuples()).containsExactly("A", "C", "D");
        assertThat(agent.selected()).isEqualTo("A");
    }
}
