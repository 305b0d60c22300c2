package dev.quorum.composer.layout;

import static dev.quorum.composer.layout.LayoutFixtures.cam;
import static dev.quorum.composer.layout.LayoutFixtures.screen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.composer.SourceRecording;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The archive API's stream prioritisation, case by case. Each stream is written
 * {@code name:participant:type:classes:joined}, type {@code c} camera or {@code s} screen,
 * classes separated by {@code +}; the expected order lists names.
 */
class StreamPriorityTest {

    static List<LiveStream> streams(String spec) {
        List<LiveStream> out = new ArrayList<>();
        for (String item : spec.trim().split("\\s+")) {
            String[] f = item.split(":", -1);
            long joined = Long.parseLong(f[4]);
            SourceRecording r = f[2].equals("s")
                    ? screen(f[0], f[1], joined, joined + 1000)
                    : cam(f[0], f[1], joined, joined + 1000);
            out.add(new LiveStream(r, f[3].isEmpty() ? List.of() : List.of(f[3].split("\\+")), joined));
        }
        return out;
    }

    static String order(List<LiveStream> ranked) {
        return String.join(" ", ranked.stream().map(s -> s.source().trackName()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "join order alone          | a:A:c::3 b:B:c::1 c:C:c::2                   | b c a",
                "equal joins by stream id  | b:B:c::1 a:A:c::1                            | a b",
                "classes first             | a:A:c::1 b:B:c:x:2 c:C:c::3                  | b a c",
                "screens lead each tier    | a:A:c:x:1 b:B:s:x:2 c:C:c::3 d:D:s::4        | b a d c",
                "upper: sharers' cameras before others | a:A:c:x:1 b:B:c:x:2 bs:B:s:y:3   | bs b a",
                "lower: screen, sharer, upper publisher, rest | r:R:c::1 u:U:c::2 uc:U:c:focus:3 sc:S:c::4 ss:S:s::5"
                        + " | uc ss sc u r",
                "a sharer's camera without classes stays below the upper tier | a:A:c::1 as:A:s::2 b:B:c:full:3"
                        + " | b as a",
                "several screens by join order | s2:B:s::5 s1:A:s::4 c:C:c::1            | s1 s2 c",
            })
    void ranks(String name, String live, String expected) {
        assertThat(order(StreamPriority.rank(streams(live)))).as(name).isEqualTo(expected);
    }

    @Test
    void showsAtMostSixteen() {
        String spec =
                String.join(
                                " ",
                                IntStream.rangeClosed(1, 20)
                                        .mapToObj(i -> "s" + i + ":P" + i + ":c::" + i)
                                        .toList()) + " late:L:c:vip:99";
        List<LiveStream> shown = StreamPriority.shown(streams(spec));
        assertThat(shown).hasSize(16);
        // The one with classes outranks everyone; the last of the rest drop out.
        assertThat(order(shown)).startsWith("late s1 s2").endsWith("s14 s15");
    }
}
