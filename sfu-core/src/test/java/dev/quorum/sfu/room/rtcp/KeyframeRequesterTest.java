package dev.quorum.sfu.room.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyframeRequesterTest {

    private static final long MS = 1_000_000;
    private final KeyframeRequester k = new KeyframeRequester(300 * MS);

    @Test
    void requestsWithinTheIntervalCollapseIntoOneDeferredRequest() {
        assertThat(k.request(0)).isTrue();
        assertThat(k.request(10 * MS)).isFalse();
        assertThat(k.request(20 * MS)).isFalse();
        assertThat(k.due(299 * MS)).isFalse();
        assertThat(k.due(300 * MS)).isTrue();
        assertThat(k.due(301 * MS)).isFalse();
    }

    @Test
    void aKeyframeSatisfiesTheDeferredRequest() {
        k.request(0);
        k.request(10 * MS);
        k.keyframeReceived();
        assertThat(k.due(400 * MS)).isFalse();
        assertThat(k.request(400 * MS)).isTrue();
    }
}
