package dev.quorum.storage.composition;

import java.util.List;

/**
 * From {@code atMs} (ms since the Unix epoch, the room clock) on, stream {@code streamSid} of a
 * room has exactly the layout classes {@code classes}.
 */
public record StreamClassChange(String streamSid, long atMs, List<String> classes) {

    public StreamClassChange {
        classes = List.copyOf(classes);
    }
}
