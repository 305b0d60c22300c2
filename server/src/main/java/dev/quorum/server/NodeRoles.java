package dev.quorum.server;

import dev.quorum.server.config.ConfigSource;
import java.util.ArrayList;
import java.util.List;

/**
 * What this server does ({@code node.roles}, default all): {@code media} hosts rooms (the media
 * port, rooms engine, recorder and signaling joins), {@code composer} runs composition workers,
 * {@code api} serves the REST API. Servers sharing a database and a bucket divide the roles.
 */
public record NodeRoles(boolean media, boolean composer, boolean api) {

    public static final NodeRoles ALL = new NodeRoles(true, true, true);

    public static NodeRoles from(ConfigSource c) {
        List<String> roles = c.list("node.roles", List.of("media", "composer", "api"));
        for (String r : roles) {
            if (!List.of("media", "composer", "api").contains(r)) {
                throw c.invalid("node.roles", String.join(",", roles), "a list of media, composer, api");
            }
        }
        if (roles.isEmpty()) {
            throw c.invalid("node.roles", "", "at least one of media, composer, api");
        }
        return new NodeRoles(roles.contains("media"), roles.contains("composer"), roles.contains("api"));
    }

    @Override
    public String toString() {
        List<String> out = new ArrayList<>();
        if (media) {
            out.add("media");
        }
        if (composer) {
            out.add("composer");
        }
        if (api) {
            out.add("api");
        }
        return String.join(",", out);
    }
}
