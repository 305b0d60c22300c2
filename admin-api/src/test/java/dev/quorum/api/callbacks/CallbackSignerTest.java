package dev.quorum.api.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackSignerTest {

    private static Map<String, String> specParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("StatusCallbackEvent", "room-created");
        p.put("RoomSid", "RM11111111111111111111111111111111");
        p.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
        p.put("RoomName", "daily");
        return p;
    }

    @Test
    void matchesTheWorkedExampleOfTheSpec() {
        assertThat(CallbackSigner.sign("12345", "https://cb.example/room?x=1", specParams()))
                .isEqualTo("fsWG+Wy/Hv7acTawcfJFDHjDoHw=");
    }

    @Test
    void theOfficialValidatorAcceptsPostAndGetSignatures() {
        RequestValidator validator = new RequestValidator("12345");
        String post = CallbackSigner.sign("12345", "https://cb.example/room?x=1", specParams());
        assertThat(validator.validate("https://cb.example/room?x=1", specParams(), post))
                .isTrue();
        assertThat(validator.validate("https://cb.example/room?x=2", specParams(), post))
                .isFalse();

        String url = "https://cb.example/room?x=1&RoomName=daily+standup&StatusCallbackEvent=room-created";
        String get = CallbackSigner.sign("12345", url, Map.of());
        assertThat(validator.validate(url, Map.of(), get)).isTrue();
        assertThat(new RequestValidator("other").validate(url, Map.of(), get)).isFalse();
    }

    @Test
    void namesAreSortedCaseSensitively() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("b", "1");
        p.put("B", "2");
        p.put("a", "3");
        String sig = CallbackSigner.sign("t", "https://x/", p);
        assertThat(new RequestValidator("t").validate("https://x/", p, sig)).isTrue();
    }
}
