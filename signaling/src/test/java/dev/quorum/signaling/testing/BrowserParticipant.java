package dev.quorum.signaling.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.WindowType;

/**
 * One participant's tab in a shared Chromium: each call switches to its tab first. The page is
 * the server's demo page; the participant joins through the SDK ({@code window.room}) and its
 * events are logged in {@code window.events} as {@code "<event>:<name or identity>"}.
 */
public final class BrowserParticipant {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private static final String CONNECT = """
            const { connect } = await import('/sdk/quorum.js');
            const events = window.events = [];
            const options = Object.assign({ token: args[0], room: args[1] }, args[2] || {});
            const room = window.room = await connect(options);
            const log = (e) => room.on(e, (a, b) => events.push(e + ':' + (a && (a.identity || a.name || a.sid) || '')
                + (b && b.code ? ':' + b.code : '')));
            ['participantConnected', 'participantDisconnected', 'trackSubscribed', 'trackUnsubscribed', 'trackDisabled',
             'trackEnabled', 'dominantSpeakerChanged', 'reconnecting', 'reconnected', 'disconnected'].forEach(log);
            room.on('warning', (e) => events.push('warning:' + e.code));
            const play = (track) => {
              const el = track.attach();
              el.dataset.track = track.sid;
              document.body.appendChild(el);
            };
            room.on('trackSubscribed', play);
            for (const p of room.participants.values()) {
              events.push('participantConnected:' + p.identity);
              for (const t of p.subscribedTracks.values()) { events.push('trackSubscribed:' + t.name); play(t); }
            }
            return room.localParticipant.sid;
            """;

    private final Chromium chromium;
    private final String window;
    public final String identity;
    private String sid;

    private BrowserParticipant(Chromium chromium, String window, String identity) {
        this.chromium = chromium;
        this.window = window;
        this.identity = identity;
    }

    /** Opens a new tab on {@code pageUrl} (the first participant may reuse the initial tab). */
    public static BrowserParticipant open(Chromium chromium, String pageUrl, String identity, boolean newTab) {
        if (newTab) {
            chromium.webDriver().switchTo().newWindow(WindowType.TAB);
        }
        String handle = chromium.webDriver().getWindowHandle();
        chromium.open(pageUrl);
        return new BrowserParticipant(chromium, handle, identity);
    }

    /** Joins with the token; {@code options} are more {@code connect()} options (may be empty). */
    public String join(String token, String room, Map<String, Object> options) {
        focus();
        sid = (String) chromium.await(CONNECT, token, room, options);
        chromium.await(MediaStats.INSTALL);
        return sid;
    }

    public String sid() {
        return sid;
    }

    /** The same tab after the SDK rejoined as a new participant. */
    public BrowserParticipant withSid(String newSid) {
        BrowserParticipant p = new BrowserParticipant(chromium, window, identity);
        p.sid = newSid;
        return p;
    }

    public Object run(String script, Object... args) {
        focus();
        return chromium.run(script, args);
    }

    public Object await(String asyncBody, Object... args) {
        focus();
        return chromium.await(asyncBody, args);
    }

    public Object waitFor(String description, String condition) {
        return waitFor(description, condition, WAIT);
    }

    public Object waitFor(String description, String condition, Duration timeout) {
        focus();
        return chromium.waitFor(identity + ": " + description, condition, timeout);
    }

    /**
     * Closes this participant's tab without leaving, as a user closing it does; the driver then
     * stays on one of the other tabs.
     */
    public void closeTab() {
        focus();
        chromium.webDriver().close();
        chromium.webDriver()
                .switchTo()
                .window(chromium.webDriver().getWindowHandles().iterator().next());
    }

    /** The events logged so far. */
    @SuppressWarnings("unchecked")
    public List<String> events() {
        return (List<String>) run("return window.events || []");
    }

    private void focus() {
        if (!window.equals(chromium.webDriver().getWindowHandle())) {
            chromium.webDriver().switchTo().window(window);
        }
    }
}
