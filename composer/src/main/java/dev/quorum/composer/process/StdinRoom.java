package dev.quorum.composer.process;

import dev.quorum.composer.engine.LiveRoom;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The live room a child composer process follows: the parent writes a snapshot line to the
 * child's standard input each time the room changes. Standard input closing before the room has
 * ended means the parent is gone (killed with the server): the child stops too, and the job is
 * taken back by the next server to start.
 */
final class StdinRoom implements LiveRoom {

    private volatile Snapshot latest = new Snapshot(Long.MIN_VALUE, List.of(), Set.of(), false, 0);

    /** Starts reading {@code in} on a daemon thread; {@code orphaned} runs if it closes too early. */
    static StdinRoom follow(InputStream in, Runnable orphaned) {
        StdinRoom room = new StdinRoom();
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            if (!line.isBlank()) {
                                room.latest = JobCodec.decodeSnapshot(line);
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        // Treated as the parent going away.
                    }
                    if (!room.latest.ended()) {
                        orphaned.run();
                    }
                },
                "composer-room");
        t.setDaemon(true);
        t.start();
        return room;
    }

    @Override
    public Snapshot snapshot() {
        return latest;
    }
}
