package dev.quorum.server.console;

import dev.quorum.signaling.testing.Chromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a headless Chromium as a person uses it: typing into its labelled fields,
 * clicking its buttons, and waiting for what the page shows. Its screenshots are the pictures of
 * {@code docs/console.md}.
 */
final class ConsolePage {

    static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * Where screenshots go: {@code target/console-screenshots}, or the directory the system property
     * {@code quorum.test.screenshots} names ({@code -Dquorum.test.screenshots=../docs/images} refreshes
     * the documentation's pictures; a normal run leaves the tree unchanged).
     */
    static final Path IMAGES = Path.of(System.getProperty("quorum.test.screenshots", "target/console-screenshots"));

    private final Chromium chromium;
    private final String base;

    ConsolePage(Chromium chromium, String base) {
        this.chromium = chromium;
        this.base = base;
    }

    ChromeDriver driver() {
        return chromium.driver();
    }

    Chromium chromium() {
        return chromium;
    }

    void open(String path) {
        chromium.open(base + path);
    }

    String path() {
        return (String) chromium.run("return location.pathname + location.search");
    }

    /** Signs in on the sign-in page the browser is on (or is sent to). */
    void signIn(String sid, String secret) {
        if (!path().startsWith("/console/sign-in")) {
            open("/console/sign-in");
        }
        WebElement sidField = driver().findElement(By.cssSelector("label[for=sid] + input"));
        sidField.clear();
        sidField.sendKeys(sid);
        WebElement secretField = driver().findElement(By.id("secret"));
        secretField.clear();
        secretField.sendKeys(secret);
        driver().findElement(By.id("sign-in-button")).click();
    }

    /** Waits until the console shows its shell, signed in, on a path starting with {@code prefix}. */
    void awaitSignedIn(String prefix) {
        new WebDriverWait(driver(), WAIT)
                .withMessage(() -> "signed in on " + prefix + "; at " + path() + " showing " + text("body"))
                .until(d -> path().startsWith(prefix) && !text("#account").isEmpty());
    }

    /** The text of the first element {@code css} matches, or "" when there is none. */
    String text(String css) {
        // In one script: the pages redraw what they refresh, so an element found first may be gone when read.
        Object t =
                chromium.run("const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : ''", css);
        return t == null ? "" : (String) t;
    }

    WebElement find(String css) {
        return driver().findElement(By.cssSelector(css));
    }

    void click(String css) {
        find(css).click();
    }

    /** Types into the input labelled {@code label}. */
    void type(String label, String value) {
        WebElement input = labelled(label);
        input.clear();
        input.sendKeys(value);
    }

    WebElement labelled(String label) {
        WebElement l = driver().findElement(By.xpath("//label[normalize-space(.)='" + label + "']"));
        return driver().findElement(By.id(l.getAttribute("for")));
    }

    /** Sets a datetime-local input (typing into one depends on the locale's field order). */
    void setDateTime(String label, String localValue) {
        chromium.run(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                labelled(label),
                localValue);
    }

    /** Picks the option of the select labelled {@code label} whose value is {@code value}. */
    void choose(String label, String value) {
        new org.openqa.selenium.support.ui.Select(labelled(label)).selectByValue(value);
    }

    void until(String what, java.util.function.BooleanSupplier condition) {
        until(what, WAIT, condition);
    }

    void until(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver(), timeout)
                .withMessage(() -> what + "; the page at " + path() + " shows: " + text("main"))
                .until(d -> condition.getAsBoolean());
    }

    /** The texts of the cells in the column {@code label} of every row the page's tables show. */
    @SuppressWarnings("unchecked")
    List<String> column(String label) {
        return (List<String>) chromium.run(
                "return [...document.querySelectorAll('td')]"
                        + ".filter(td => td.dataset.label === arguments[0]).map(td => td.textContent.trim())",
                label);
    }

    /** An in-page request with the browser's cookies, as a script of the page (or another tab) would send it. */
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> fetch(
            String method, String path, java.util.Map<String, String> headers, String body) {
        return (java.util.Map<String, Object>) chromium.await(
                "const r = await fetch(arguments[1], {method: arguments[0],"
                        + " headers: arguments[2], body: arguments[3], redirect: 'manual', credentials: 'same-origin'});"
                        + " return {status: r.status, body: await r.text()};",
                method,
                path,
                headers,
                body);
    }

    /** Saves what the browser shows as {@code docs/images/console-<name>.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(IMAGES);
            Files.write(IMAGES.resolve("console-" + name + ".png"), driver().getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A phone's viewport of {@code width} CSS pixels, as Chromium's device emulation makes it. */
    void emulatePhone(int width, int height) {
        driver().executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    }
}
