package dev.quorum.sfu.room.link;

import io.netty.channel.EventLoop;

/** Creates the media transport of one peer connection. */
public interface MediaLinkFactory {

    /**
     * A new transport whose listener is called on {@code loop} (the room's event loop).
     *
     * @param label a name for logs and metrics, e.g. {@code PA…/publisher}
     */
    MediaLink create(String label, EventLoop loop, MediaLink.Listener listener);
}
