package dev.quorum.recorder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecorderWorkerTest {

    /**
     * A recorder thread with no track assigned sleeps until it is given one: it does not wake
     * every few milliseconds on a server that records nothing (parked without a timeout is
     * WAITING; the periodic park of a thread with tracks is TIMED_WAITING). Stop still ends it.
     */
    @Test
    void anIdleWorkerSleepsUntilWokenAndStopEndsIt() throws Exception {
        RecorderWorker worker = new RecorderWorker("recorder-idle-test", System::nanoTime);
        worker.start();
        Thread thread = thread("recorder-idle-test");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (thread.getState() != Thread.State.WAITING && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        assertThat(thread.getState())
                .as("an idle recorder thread parks without a timeout")
                .isEqualTo(Thread.State.WAITING);

        worker.stop(5_000);
        assertThat(thread.isAlive()).as("stop wakes and ends the idle thread").isFalse();
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
