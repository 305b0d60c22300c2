package dev.quorum.storage;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list.
 *
 * @param next where the following page starts, or empty on the last page
 */
public record Page<T>(List<T> items, Optional<Cursor> next) {

    public Page {
        items = List.copyOf(items);
    }
}
