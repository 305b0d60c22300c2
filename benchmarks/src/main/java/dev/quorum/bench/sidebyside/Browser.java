package dev.quorum.bench.sidebyside;

import dev.quorum.signaling.testing.Chromium;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * One headless Debian Chromium with a tab per participant, each tab with the fake camera (moving
 * test pattern) and microphone (beep), launched as the browser tests launch it. One browser process
 * serves both servers' runs in turn, so they are loaded by the same encoders and decoders.
 */
final class Browser implements AutoCloseable {

    private final Chromium chromium;
    private final ChromeDriver driver;
    private final List<String> tabs = new ArrayList<>();
    /** The tab the driver is on (asking the driver fails once that tab is closed). */
    private String current;

    private Browser(Chromium chromium) {
        this.chromium = chromium;
        this.driver = chromium.driver();
    }

    static Browser start() {
        Chromium chromium;
        try {
            chromium = Chromium.start();
        } catch (IllegalStateException e) {
            throw new BenchmarkFailure(e.getMessage());
        }
        chromium.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return new Browser(chromium);
    }

    /** Opens {@code url} in tab {@code index}, making the tab if it does not exist yet. */
    void open(int index, String url) {
        while (tabs.size() <= index) {
            if (!tabs.isEmpty()) {
                driver.switchTo().newWindow(WindowType.TAB);
            }
            current = driver.getWindowHandle();
            tabs.add(current);
        }
        focus(index);
        driver.get(url);
    }

    /** Closes every tab but the first and leaves that one on a blank page. */
    void reset() {
        for (int i = tabs.size() - 1; i >= 1; i--) {
            focus(i);
            driver.close();
        }
        if (!tabs.isEmpty()) {
            String first = tabs.get(0);
            tabs.clear();
            driver.switchTo().window(first);
            current = first;
            driver.get("about:blank");
            tabs.add(first);
        }
    }

    /**
     * Runs an async function body in tab {@code index}: {@code args} are its arguments and its
     * {@code return} value the result; a thrown error fails the benchmark with its message.
     */
    Object await(int index, String asyncBody, Object... args) {
        focus(index);
        String wrapped = "const done = arguments[arguments.length - 1];"
                + "const args = Array.prototype.slice.call(arguments, 0, arguments.length - 1);"
                + "(async function() {" + asyncBody + "}).apply(null, args)"
                + ".then(v => done({ok: v === undefined ? null : v}), e => done({error: String(e && e.stack || e)}));";
        Object r = driver.executeAsyncScript(wrapped, args);
        if (r instanceof Map<?, ?> m) {
            if (m.containsKey("error")) {
                throw new BenchmarkFailure("page script failed in tab " + index + ": " + m.get("error"));
            }
            return m.get("ok");
        }
        throw new BenchmarkFailure("unexpected page script result " + r);
    }

    /** Runs a plain script in tab {@code index}. */
    Object run(int index, String script, Object... args) {
        focus(index);
        return driver.executeScript(script, args);
    }

    /** The page's cumulative RTP totals ({@code stats.js}). */
    PageTotals totals(int index) {
        return PageTotals.of((Map<?, ?>) await(index, "return await window.benchTotals();"));
    }

    int tabs() {
        return tabs.size();
    }

    private void focus(int index) {
        String handle = tabs.get(index);
        if (!handle.equals(current)) {
            driver.switchTo().window(handle);
            current = handle;
        }
    }

    @Override
    public void close() {
        chromium.close();
    }
}
