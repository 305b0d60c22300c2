package dev.quorum.sfu.room;

import dev.quorum.sfu.room.link.MediaLink;
import dev.quorum.sfu.room.link.MediaLinkFactory;
import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Creates {@link FakeLink}s and finds them by label ({@code PA…/publisher}, {@code PA…/subscriber}). */
final class FakeLinks implements MediaLinkFactory {

    private final Map<String, FakeLink> links = new ConcurrentHashMap<>();

    @Override
    public MediaLink create(String label, EventLoop loop, MediaLink.Listener listener) {
        FakeLink link = new FakeLink(label, loop, listener);
        links.put(label, link);
        return link;
    }

    FakeLink publisher(Participant p) {
        return require(p.sid() + "/publisher");
    }

    FakeLink subscriber(Participant p) {
        return require(p.sid() + "/subscriber");
    }

    private FakeLink require(String label) {
        FakeLink l = links.get(label);
        if (l == null) {
            throw new AssertionError("no transport " + label);
        }
        return l;
    }

    void releaseAll() {
        links.values().forEach(FakeLink::releaseAll);
    }
}
