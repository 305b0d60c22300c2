package dev.quorum.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageDecoderTest {

    @Test
    void everyClientMessageDecodesWithItsFields() throws ProtocolException {
        assertThat(MessageDecoder.decode(
                        "{\"type\":\"join\",\"id\":\"a\",\"token\":\"t\",\"room\":\"r\",\"sdk\":\"x/1\"}"))
                .isEqualTo(new ClientMessage.Join("a", "t", "r", "x/1"));
        assertThat(MessageDecoder.decode("{\"type\":\"join\",\"token\":\"t\"}"))
                .isEqualTo(new ClientMessage.Join(null, "t", null, null));
        assertThat(MessageDecoder.decode(
                        "{\"type\":\"resume\",\"token\":\"t\",\"participantSid\":\"PA1\",\"resumeToken\":\"k\"}"))
                .isEqualTo(new ClientMessage.Resume(null, "t", "PA1", "k"));
        assertThat(MessageDecoder.decode(
                        "{\"type\":\"publish\",\"id\":7,\"sdp\":\"v=0\",\"trackNames\":{\"0\":\"mic\"}}"))
                .isEqualTo(new ClientMessage.Publish("7", "v=0", Map.of("0", "mic")));
        assertThat(MessageDecoder.decode("{\"type\":\"answer\",\"sdp\":\"v=0\",\"version\":3}"))
                .isEqualTo(new ClientMessage.Answer(null, "v=0", 3));
        assertThat(MessageDecoder.decode("{\"type\":\"setTrackEnabled\",\"track\":\"MT1\",\"enabled\":false}"))
                .isEqualTo(new ClientMessage.SetTrackEnabled(null, "MT1", false));
        assertThat(MessageDecoder.decode(
                        "{\"type\":\"setVideoPreference\",\"track\":\"MT1\",\"maxWidth\":320,\"maxHeight\":180}"))
                .isEqualTo(new ClientMessage.SetVideoPreference(null, "MT1", 320, 180));
        assertThat(MessageDecoder.decode("{\"type\":\"quality\",\"framesDecoded\":298,\"freezes\":1,"
                        + "\"frozenMs\":410,\"audioSamples\":480000,\"concealedSamples\":960}"))
                .isEqualTo(new ClientMessage.Quality(null, 298, 1, 410, 480_000, 960));
        assertThat(MessageDecoder.decode("{\"type\":\"quality\",\"framesDecoded\":30}"))
                .as("absent counts are 0")
                .isEqualTo(new ClientMessage.Quality(null, 30, 0, 0, 0, 0));
        assertThat(MessageDecoder.decode("{\"type\":\"ping\"}")).isEqualTo(new ClientMessage.Ping(null));
        assertThat(MessageDecoder.decode("{\"type\":\"leave\",\"future\":{\"field\":1}}"))
                .isEqualTo(new ClientMessage.Leave(null));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("{", ErrorCode.INVALID_MESSAGE, "not valid JSON"),
                Arguments.of("[1]", ErrorCode.INVALID_MESSAGE, "JSON object"),
                Arguments.of("\"join\"", ErrorCode.INVALID_MESSAGE, "JSON object"),
                Arguments.of("{}", ErrorCode.INVALID_MESSAGE, "'type'"),
                Arguments.of("{\"type\":5}", ErrorCode.INVALID_MESSAGE, "'type'"),
                Arguments.of("{\"type\":\"dance\"}", ErrorCode.UNKNOWN_TYPE, "unknown message type 'dance'"),
                Arguments.of("{\"type\":\"join\"}", ErrorCode.INVALID_MESSAGE, "'token' is required"),
                Arguments.of(
                        "{\"type\":\"join\",\"token\":\"\"}", ErrorCode.INVALID_MESSAGE, "'token' must not be empty"),
                Arguments.of("{\"type\":\"join\",\"token\":[]}", ErrorCode.INVALID_MESSAGE, "'token' must be a string"),
                Arguments.of(
                        "{\"type\":\"join\",\"token\":\"t\",\"room\":\"" + "r".repeat(129) + "\"}",
                        ErrorCode.INVALID_MESSAGE,
                        "'room' is longer than 128"),
                Arguments.of("{\"type\":\"ping\",\"id\":{}}", ErrorCode.INVALID_MESSAGE, "'id'"),
                Arguments.of(
                        "{\"type\":\"ping\",\"id\":\"" + "i".repeat(65) + "\"}", ErrorCode.INVALID_MESSAGE, "'id'"),
                Arguments.of("{\"type\":\"publish\"}", ErrorCode.INVALID_MESSAGE, "'sdp' is required"),
                Arguments.of(
                        "{\"type\":\"publish\",\"sdp\":\"v=0\",\"trackNames\":[]}",
                        ErrorCode.INVALID_MESSAGE,
                        "'trackNames'"),
                Arguments.of(
                        "{\"type\":\"publish\",\"sdp\":\"v=0\",\"trackNames\":{\"0\":\"a\",\"1\":\"a\"}}",
                        ErrorCode.INVALID_MESSAGE,
                        "used twice"),
                Arguments.of(
                        "{\"type\":\"publish\",\"sdp\":\"v=0\",\"trackNames\":{\"0\":\"\"}}",
                        ErrorCode.INVALID_MESSAGE,
                        "1 to 128"),
                Arguments.of("{\"type\":\"answer\",\"sdp\":\"v=0\"}", ErrorCode.INVALID_MESSAGE, "'version'"),
                Arguments.of(
                        "{\"type\":\"answer\",\"sdp\":\"v=0\",\"version\":-1}", ErrorCode.INVALID_MESSAGE, "'version'"),
                Arguments.of(
                        "{\"type\":\"answer\",\"sdp\":\"v=0\",\"version\":1.5}",
                        ErrorCode.INVALID_MESSAGE,
                        "'version'"),
                Arguments.of(
                        "{\"type\":\"setTrackEnabled\",\"track\":\"MT1\",\"enabled\":\"no\"}",
                        ErrorCode.INVALID_MESSAGE,
                        "'enabled'"),
                Arguments.of(
                        "{\"type\":\"setVideoPreference\",\"track\":\"MT1\",\"maxWidth\":-5,\"maxHeight\":1}",
                        ErrorCode.INVALID_MESSAGE,
                        "'maxWidth'"),
                Arguments.of(
                        "{\"type\":\"setVideoPreference\",\"track\":\"MT1\",\"maxWidth\":99999999999,\"maxHeight\":1}",
                        ErrorCode.INVALID_MESSAGE,
                        "'maxWidth'"),
                Arguments.of("{\"type\":\"quality\",\"freezes\":-1}", ErrorCode.INVALID_MESSAGE, "'freezes'"),
                Arguments.of(
                        "{\"type\":\"quality\",\"framesDecoded\":10000001}",
                        ErrorCode.INVALID_MESSAGE,
                        "'framesDecoded' must be an integer from 0 to 10000000"),
                Arguments.of("{\"type\":\"quality\",\"frozenMs\":\"a lot\"}", ErrorCode.INVALID_MESSAGE, "'frozenMs'"),
                Arguments.of(
                        "{\"type\":\"quality\",\"audioSamples\":10,\"concealedSamples\":11}",
                        ErrorCode.INVALID_MESSAGE,
                        "'concealedSamples' must not exceed 'audioSamples'"),
                Arguments.of(
                        "{\"type\":\"ping\",\"a\":" + "[".repeat(40) + "]".repeat(40) + "}",
                        ErrorCode.INVALID_MESSAGE,
                        "not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void invalidMessagesAreRefusedWithACodeAndTheFieldNamed(String text, ErrorCode code, String mentions) {
        assertThatThrownBy(() -> MessageDecoder.decode(text))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(mentions)
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(code));
    }

    @Test
    void randomBytesNeverFailOtherwiseThanWithAProtocolError() {
        Random random = new Random(11);
        String seed =
                "{\"type\":\"setVideoPreference\",\"track\":\"MT1\",\"maxWidth\":320,\"maxHeight\":180,\"id\":\"x\"}";
        for (int i = 0; i < 5000; i++) {
            char[] c = seed.toCharArray();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                c[random.nextInt(c.length)] = (char) random.nextInt(128);
            }
            try {
                MessageDecoder.decode(new String(c));
            } catch (ProtocolException expected) {
                assertThat(expected.code()).isIn(ErrorCode.INVALID_MESSAGE, ErrorCode.UNKNOWN_TYPE);
            }
        }
    }

    @Test
    void theTypeOfAnInvalidMessageIsStillNamedInTheError() {
        assertThat(MessageDecoder.typeOf("{\"type\":\"publish\",\"sdp\":5}")).isEqualTo("publish");
        assertThat(MessageDecoder.typeOf("{oops")).isNull();
        assertThat(MessageDecoder.typeOf("{\"type\":\"" + "t".repeat(100) + "\"}"))
                .hasSize(40);
    }

    @Test
    void theRateLimiterAllowsTheBurstThenTheRate() {
        long[] now = {0};
        RateLimiter limiter = new RateLimiter(10, 3, () -> now[0]);
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
        now[0] += 100_000_000L; // 0.1 s refills one
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
        now[0] += 10_000_000_000L; // long idle refills to the burst, not beyond
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire()).isTrue();
        }
        assertThat(limiter.tryAcquire()).isFalse();
    }
}
