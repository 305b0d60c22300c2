package dev.quorum.signaling.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, with a fake camera (moving
 * test pattern) and microphone (periodic beep). Nothing is downloaded: the binaries must be
 * installed ({@code apt-get install chromium chromium-driver}, which {@code bin/test} does); a
 * missing binary fails the test with that instruction rather than skipping it. Browsers of
 * different test JVMs take turns ({@link BrowserSlot}).
 */
public final class Chromium implements AutoCloseable {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final RemoteWebDriver driver;
    /** The chromedriver of a browser in a network namespace, or null. */
    private final Process namespacedDriver;

    private Chromium(RemoteWebDriver driver, Process namespacedDriver) {
        this.driver = driver;
        this.namespacedDriver = namespacedDriver;
    }

    /** A browser with the standard flags. */
    public static Chromium start() {
        return start(List.of());
    }

    /** A browser with the standard flags plus {@code extraFlags}. */
    public static Chromium start(List<String> extraFlags) {
        return start(extraFlags, java.util.Map.of());
    }

    /** A browser with the standard flags plus {@code extraFlags} and the given profile preferences. */
    public static Chromium start(List<String> extraFlags, java.util.Map<String, Object> preferences) {
        ChromeOptions o = options(extraFlags, preferences);
        BrowserSlot.acquire();
        try {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver d = new ChromeDriver(service, o);
            d.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new Chromium(d, null);
        } catch (RuntimeException e) {
            BrowserSlot.release();
            throw e;
        }
    }

    /**
     * A browser with the standard flags whose every packet goes over {@code link}: it and its
     * chromedriver run in the link's namespace, and the driver is reached over the link.
     */
    public static Chromium inNamespace(NetLab.Link link, Path driverLog) throws Exception {
        return inNamespace(link, driverLog, null);
    }

    /**
     * As {@link #inNamespace(NetLab.Link, Path)}, treating {@code origin} (the server's page, which
     * is not on localhost there) as secure so that the page may use the camera and microphone.
     */
    public static Chromium inNamespace(NetLab.Link link, Path driverLog, String origin) throws Exception {
        ChromeOptions o = options(
                origin == null ? List.of() : List.of("--unsafely-treat-insecure-origin-as-secure=" + origin),
                java.util.Map.of());
        int port = 9515;
        Process driverProcess = link.start(
                List.of(DRIVER.toString(), "--port=" + port, "--allowed-ips=" + link.hostAddress.getHostAddress()),
                driverLog);
        BrowserSlot.acquire();
        try {
            java.net.URL url = new java.net.URL("http://" + link.namespaceAddress.getHostAddress() + ":" + port);
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!ready(url)) {
                if (System.nanoTime() > end || !driverProcess.isAlive()) {
                    throw new IllegalStateException(
                            "chromedriver in " + link.namespace() + " did not start; see " + driverLog);
                }
                Thread.sleep(50);
            }
            RemoteWebDriver d = new RemoteWebDriver(url, o);
            d.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new Chromium(d, driverProcess);
        } catch (Exception | Error e) {
            BrowserSlot.release();
            driverProcess.destroy();
            throw e;
        }
    }

    private static boolean ready(java.net.URL base) {
        try {
            var c = (java.net.HttpURLConnection) new java.net.URL(base, "/status").openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(1000);
            return c.getResponseCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static ChromeOptions options(List<String> extraFlags, java.util.Map<String, Object> preferences) {
        for (Path p : List.of(BROWSER, DRIVER)) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(p + " is missing: the browser tests need Debian's chromium and "
                        + "chromium-driver packages (apt-get install chromium chromium-driver, or run bin/test)");
            }
        }
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions o = new ChromeOptions();
        o.setBinary(BROWSER.toFile());
        List<String> flags = new ArrayList<>(List.of(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                "--autoplay-policy=no-user-gesture-required",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows",
                "--window-size=1280,800"));
        flags.addAll(extraFlags);
        o.addArguments(flags);
        if (!preferences.isEmpty()) {
            o.setExperimentalOption("prefs", preferences);
        }
        return o;
    }

    /** The local driver; a browser {@link #inNamespace in a namespace} has only {@link #webDriver}. */
    public ChromeDriver driver() {
        return (ChromeDriver) driver;
    }

    public RemoteWebDriver webDriver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Runs a script body; {@code arguments} as in Selenium. */
    public Object run(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /**
     * Runs an async function body: the script's {@code await}s are allowed and its {@code return}
     * value is the result. A thrown error becomes an {@link IllegalStateException} with its message.
     */
    public Object await(String asyncBody, Object... arguments) {
        String wrapped = "const done = arguments[arguments.length - 1];"
                + "const args = Array.prototype.slice.call(arguments, 0, arguments.length - 1);"
                + "(async function() {" + asyncBody + "}).apply(null, args)"
                + ".then(v => done({ok: v === undefined ? null : v}), e => done({error: String(e && e.stack || e)}));";
        Object r = ((JavascriptExecutor) driver).executeAsyncScript(wrapped, arguments);
        if (r instanceof java.util.Map<?, ?> m) {
            if (m.containsKey("error")) {
                throw new IllegalStateException("script failed: " + m.get("error"));
            }
            return m.get("ok");
        }
        throw new IllegalStateException("unexpected script result " + r);
    }

    /**
     * Waits in the page until {@code condition} (a JavaScript expression, may use {@code await})
     * is truthy; fails with {@code description} and the last value after {@code timeout}.
     */
    public Object waitFor(String description, String condition, Duration timeout) {
        String body = "const end = Date.now() + " + timeout.toMillis() + "; let last;"
                + "while (Date.now() < end) { try { last = await (async () => (" + condition
                + "))(); } catch (e) { last = String(e); }"
                + " if (last) return last; await new Promise(r => setTimeout(r, 100)); }"
                + "throw new Error('timed out: ' + " + quote(description)
                + " + ' (last value: ' + JSON.stringify(last) + ')');";
        driver.manage().timeouts().scriptTimeout(timeout.plusSeconds(5));
        try {
            return await(body);
        } finally {
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            if (namespacedDriver != null) {
                namespacedDriver.destroy();
            }
            BrowserSlot.release();
        }
    }
}
