package dev.quorum.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.server.api.BrowserCall;
import dev.quorum.server.api.ConfiguredServer;
import dev.quorum.server.api.RestClient;
import dev.quorum.signaling.testing.Chromium;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * The console over one room recorded from Chromium for twenty seconds: used with the keyboard only
 * (sign in, the recordings, one recording's details and back with Escape, the confirmation
 * dialog), a composition of the room at 1920x1080 whose progress the page shows while it composes,
 * and every control of every page with a name of its own and reached by Tab.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleKeyboardAndProgressBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final Duration RECORDED = Duration.ofSeconds(20);

    @TempDir
    static Path data;

    ConfiguredServer quorum;
    Chromium browser;
    ConsolePage console;
    RestClient rest;
    String room;
    String video;

    @BeforeAll
    void recordARoom() throws Exception {
        // One encoder thread: the composition takes long enough on an idle machine to be watched.
        quorum = ConfiguredServer.start(data, Map.of("composer.encoder-threads", "1"));
        rest = new RestClient(quorum.baseUrl(), ConfiguredServer.ACCOUNT, ConfiguredServer.AUTH_TOKEN);
        browser = Chromium.start();
        console = new ConsolePage(browser, quorum.baseUrl());
        room = rest.post("/v1/Rooms", 201, "UniqueName", "long-room", "RecordParticipantsOnConnect", "true")
                .getString("sid");
        try (Chromium callers = Chromium.start()) {
            BrowserCall carol = BrowserCall.join(callers, quorum.baseUrl(), "long-room", "carol");
            carol.awaitMediaFlowing();
            Instant until = Instant.now().plus(RECORDED);
            console.until("twenty seconds recorded", WAIT, () -> Instant.now().isAfter(until));
            rest.post("/v1/Rooms/" + room, 202, "Status", "completed");
            carol.awaitDisconnected(WAIT);
        }
        console.until(
                "both recordings completed",
                WAIT,
                () -> rest.recordings(room).stream()
                                .filter(r -> "completed".equals(r.getString("status")))
                                .count()
                        == 2);
        video = rest.recordings(room).stream()
                .filter(r -> "video".equals(r.getString("type")))
                .map(r -> r.getString("sid"))
                .findFirst()
                .orElseThrow();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (quorum != null) {
            quorum.close();
        }
    }

    private void press(CharSequence... keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    private boolean focused(String css) {
        return (Boolean)
                browser.run("return document.activeElement && document.activeElement.matches(arguments[0])", css);
    }

    /** Presses Tab until the control {@code css} has the focus (at most 80 times). */
    private void tabTo(String css) {
        for (int i = 0; i < 80 && !focused(css); i++) {
            press(Keys.TAB);
        }
        assertThat(focused(css)).as("Tab reaches " + css).isTrue();
    }

    @Test
    @Order(1)
    void aRecordingIsFoundOpenedAndLeftWithTheKeyboardOnly() {
        console.open("/console/recordings");
        console.until("sent to the sign-in page", () -> console.path().startsWith("/console/sign-in"));
        console.until("the SID field has the focus", () -> focused("#sid"));
        press(ConfiguredServer.ACCOUNT, Keys.TAB);
        assertThat(focused("#secret")).isTrue();
        press(ConfiguredServer.AUTH_TOKEN, Keys.ENTER);
        console.awaitSignedIn("/console/recordings");

        // From the top of the list page to the video recording's link, through the filters.
        console.until("the two recordings", () -> console.column("Status").size() == 2);
        console.open("/console/rooms");
        console.until("the rooms page", () -> console.text("#room-history").contains("long-room"));
        tabTo("nav a[data-section=recordings]");
        press(Keys.ENTER);
        console.until("the recordings page", () -> console.path().equals("/console/recordings"));
        console.until("the two recordings", () -> console.column("Status").size() == 2);
        browser.run("window.redraws = 0; new MutationObserver(() => window.redraws++)"
                + ".observe(document.getElementById('recordings'), {childList: true});");
        String link = "#recordings a[href='/console/recordings/" + video + "']";
        tabTo(link);
        long redraws = ((Number) browser.run("return window.redraws")).longValue();
        console.until(
                "the list refreshed while the link has the focus",
                () -> ((Number) browser.run("return window.redraws")).longValue() > redraws);
        assertThat(focused(link)).as("the refresh keeps the focus on the link").isTrue();
        press(Keys.ENTER);
        console.until("the details page", () -> console.path().equals("/console/recordings/" + video));
        console.until(
                "its player",
                () -> !console.driver()
                        .findElements(org.openqa.selenium.By.id("media"))
                        .isEmpty());

        // The delete button opens the confirmation; Escape closes it and stays on the page.
        tabTo("#delete");
        press(Keys.SPACE);
        console.until("the confirmation", () -> console.text("#confirm-message").startsWith("Delete recording"));
        assertThat(focused("#confirm-cancel")).as("focus starts on Cancel").isTrue();
        press(Keys.ESCAPE);
        console.until(
                "the confirmation is closed",
                () -> console.driver()
                        .findElements(org.openqa.selenium.By.cssSelector("dialog"))
                        .isEmpty());
        assertThat(console.path()).isEqualTo("/console/recordings/" + video);
        assertThat(rest.get("/v1/Recordings/" + video).getString("status")).isEqualTo("completed");

        // Escape leaves the details for the list.
        press(Keys.ESCAPE);
        console.until("back on the list", () -> console.path().equals("/console/recordings"));
        console.until("the two recordings", () -> console.column("Status").size() == 2);
    }

    @Test
    @Order(2)
    void aCompositionShowsItsProgressWhileItComposes() {
        signedIn();
        console.open("/console/compositions/new?room=" + room);
        console.until(
                "the preview places carol",
                () -> !console.driver()
                        .findElements(org.openqa.selenium.By.cssSelector(
                                "#preview-canvas .preview-cell[data-identity='carol']"))
                        .isEmpty());
        console.type("Resolution (width x height)", "1920x1080");
        console.choose("Layout", "grid");
        console.click("#create-button");
        console.until("the composition's page", () -> console.path().matches("/console/compositions/CJ[0-9a-f]{32}"));
        String sid = console.path().substring("/console/compositions/".length());
        // Every state the page shows, recorded in the page itself (a reload would lose the record).
        browser.run("window.shown = []; const details = document.getElementById('composition-details');"
                + " const note = () => { const s = document.getElementById('composition-status');"
                + "  const p = document.getElementById('composition-progress');"
                + "  window.shown.push({status: s ? s.innerText.trim() : '', progress: p ? Number(p.value) : null,"
                + "   label: p ? p.getAttribute('aria-label') : null}); };"
                + " new MutationObserver(note).observe(details, {childList: true, subtree: true}); note();");
        boolean[] pictured = {false};
        console.until("completed, shown without a reload", Duration.ofSeconds(240), () -> {
            if (!pictured[0]
                    && (Boolean) browser.run("const p = document.getElementById('composition-progress');"
                            + " return !!p && p.value >= 20 && p.value <= 80;")) {
                console.screenshot("composition-progress");
                pictured[0] = true;
            }
            return console.text("#composition-status").equals("completed");
        });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shown = (List<Map<String, Object>>) browser.run("return window.shown");
        assertThat(shown).as("the page was not reloaded").isNotNull();
        List<Long> running = new ArrayList<>();
        int firstCompleted = -1;
        int lastPartial = -1;
        for (int i = 0; i < shown.size(); i++) {
            Map<String, Object> s = shown.get(i);
            if ("completed".equals(s.get("status")) && firstCompleted < 0) {
                firstCompleted = i;
            }
            if ("processing".equals(s.get("status")) && s.get("progress") != null) {
                long p = ((Number) s.get("progress")).longValue();
                running.add(p);
                if (p >= 1 && p <= 99) {
                    lastPartial = i;
                    assertThat(s.get("label")).isEqualTo("Progress of composition " + sid);
                }
            }
        }
        System.out.printf("composition %s: progress shown while processing %s%n", sid, running);
        assertThat(running).as("progress values shown while processing").anyMatch(p -> p >= 1 && p <= 99);
        assertThat(running).as("never going back").isSorted();
        assertThat(lastPartial).as("a partial progress before completed").isBetween(0, firstCompleted);
        assertThat(console.text("#composition-details")).contains("100 %");
        JsonObject done = rest.get("/v1/Compositions/" + sid);
        assertThat(done.getString("status")).isEqualTo("completed");
        assertThat(done.getInteger("progress")).isEqualTo(100);
        assertThat(done.getString("resolution")).isEqualTo("1920x1080");
    }

    @Test
    @Order(3)
    void everyControlOnEveryPageHasANameOfItsOwnAndIsReachedByTab() {
        signedIn();
        rest.post("/v1/CompositionHooks", 201, "FriendlyName", "Grid", "AudioSources", "*");
        rest.post("/v1/CompositionHooks", 201, "FriendlyName", "Audio only", "AudioSources", "*");
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("/console/rooms", "#room-history table");
        pages.put("/console/rooms/" + room, "#room-recordings table");
        pages.put("/console/recordings", "#recordings table");
        pages.put("/console/recordings/" + video, "#recording-details dl");
        pages.put("/console/compositions", "#compositions");
        pages.put("/console/compositions/new?room=" + room, "#preview-canvas");
        pages.put("/console/hooks", "#hooks table");
        pages.put("/console/settings", "#recording-settings");
        pages.put("/console/archives", "main .empty");
        browser.driver().executeCdpCommand("Accessibility.enable", Map.of());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> p : pages.entrySet()) {
            console.open(p.getKey());
            console.until(
                    p.getKey() + " shows " + p.getValue(),
                    () -> !console.driver()
                            .findElements(org.openqa.selenium.By.cssSelector(p.getValue()))
                            .isEmpty());
            problems.addAll(unnamed(p.getKey()));
            problems.addAll(ambiguous(p.getKey()));
            problems.addAll(unreachable(p.getKey()));
        }
        assertThat(problems).isEmpty();
    }

    static final Set<String> CONTROLS = Set.of(
            "button",
            "link",
            "textbox",
            "searchbox",
            "combobox",
            "checkbox",
            "radio",
            "spinbutton",
            "slider",
            "switch",
            "listbox",
            "progressbar",
            "Video",
            "Audio",
            "DateTime",
            "InputTime",
            "date");

    /** Controls in the accessibility tree Chromium builds for the page without a name. */
    @SuppressWarnings("unchecked")
    private List<String> unnamed(String page) {
        Map<String, Object> tree = browser.driver().executeCdpCommand("Accessibility.getFullAXTree", Map.of());
        List<String> out = new ArrayList<>();
        for (Object o : (List<Object>) tree.get("nodes")) {
            Map<String, Object> node = (Map<String, Object>) o;
            if (Boolean.TRUE.equals(node.get("ignored"))) {
                continue;
            }
            String role = value(node.get("role"));
            boolean focusable = ((List<Object>) node.getOrDefault("properties", List.of()))
                    .stream()
                            .map(x -> (Map<String, Object>) x)
                            .anyMatch(x -> "focusable".equals(x.get("name")) && "true".equals(value(x.get("value"))));
            boolean control = CONTROLS.contains(role)
                    || focusable && !Set.of("RootWebArea", "main").contains(role);
            if (control && value(node.get("name")).isBlank()) {
                out.add(page + ": a " + role + " without a name");
            }
        }
        return out;
    }

    private static String value(Object axValue) {
        if (axValue instanceof Map<?, ?> m && m.get("value") != null) {
            return String.valueOf(m.get("value"));
        }
        return "";
    }

    /** Links with one name going to different places, or buttons sharing a name: which one is which? */
    @SuppressWarnings("unchecked")
    private List<String> ambiguous(String page) {
        return (List<String>) browser.run("""
                const name = (e) => (e.getAttribute('aria-label') || e.textContent).trim().replace(/\\s+/g, ' ');
                const seen = new Map(); const out = [];
                for (const e of document.querySelectorAll('a[href], button')) {
                  if (e.closest('[hidden]')) continue;
                  const key = e.tagName + ' ' + name(e);
                  const target = e.tagName === 'A' ? e.getAttribute('href') : e;
                  if (seen.has(key) && seen.get(key) !== target) out.push(arguments[0] + ': two ' + key);
                  seen.set(key, target);
                }
                return out;""", page);
    }

    static final String KEY =
            "const key = (e) => [e.tagName, e.id, e.getAttribute('href'), e.getAttribute('aria-label'),"
                    + " e.name, e.textContent.trim().slice(0, 60)].join('|');";

    /** Controls that Tab, pressed from the top of the page, never reaches. */
    @SuppressWarnings("unchecked")
    private List<String> unreachable(String page) {
        List<String> controls = (List<String>) browser.run(KEY
                + " return [...document.querySelectorAll('a[href], button, input, select, textarea, video[controls], audio[controls]')]"
                + ".filter(e => e.getClientRects().length && !e.disabled && !e.closest('[hidden]')).map(key);");
        // The page was just opened: Tab starts from its top.
        Set<String> reached = new java.util.HashSet<>();
        for (int i = 0; i < controls.size() * 4 + 30 && !reached.containsAll(controls); i++) {
            press(Keys.TAB);
            reached.add((String) browser.run(KEY + " return key(document.activeElement);"));
        }
        return controls.stream()
                .filter(c -> !reached.contains(c))
                .map(c -> page + ": Tab never reaches " + c)
                .toList();
    }

    private void signedIn() {
        console.open("/console/");
        console.until(
                "signed in or sent to sign in",
                () -> console.path().startsWith("/console/sign-in")
                        || !console.text("#account").isEmpty());
        if (console.path().startsWith("/console/sign-in")) {
            console.signIn(ConfiguredServer.ACCOUNT, ConfiguredServer.AUTH_TOKEN);
        }
        console.awaitSignedIn("/console/");
    }
}
