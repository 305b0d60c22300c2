package dev.quorum.bench.sidebyside;

import dev.quorum.signaling.testing.Chromium;
import java.time.Duration;

/** Scripts in a single-tab browser's page, whose failures fail the benchmark with their message. */
final class Page {

    private Page() {}

    static Object await(Chromium browser, String asyncBody, Object... args) {
        try {
            return browser.await(asyncBody, args);
        } catch (IllegalStateException e) {
            throw new BenchmarkFailure("page " + e.getMessage(), e);
        }
    }

    static void waitFor(Chromium browser, String description, String condition, Duration timeout) {
        try {
            browser.waitFor(description, condition, timeout);
        } catch (IllegalStateException e) {
            throw new BenchmarkFailure(e.getMessage(), e);
        }
    }

    /** The page's clock, against which its samples are timed. */
    static long now(Chromium browser) {
        return ((Number) browser.run("return Date.now()")).longValue();
    }
}
