package dev.quorum.composer.layout;

import java.util.Collection;
import java.util.List;

/** One layout of a timeline resolved against the room's recordings for the time it is in force. */
interface LayoutPlan {

    /** Adds the instants in [{@code fromMs}, {@code toMs}) at which this layout's placements may change. */
    void changes(long fromMs, long toMs, Collection<Long> out);

    /** Placements at {@code roomMs}, in drawing order (bottom first). */
    List<Placement> at(long roomMs);
}
