package dev.quorum.api.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {

    @ParameterizedTest(name = "{0} of 100 bytes -> {1} {2}-{3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "none           | WHOLE         | 0  | 99",
                "bytes=0-9      | PARTIAL       | 0  | 9",
                "bytes=90-      | PARTIAL       | 90 | 99",
                "bytes=99-      | PARTIAL       | 99 | 99",
                "bytes=90-500   | PARTIAL       | 90 | 99",
                "bytes=-10      | PARTIAL       | 90 | 99",
                "bytes=-500     | PARTIAL       | 0  | 99",
                "bytes=100-     | UNSATISFIABLE | 0  | 0",
                "bytes=100-200  | UNSATISFIABLE | 0  | 0",
                "bytes=5000-    | UNSATISFIABLE | 0  | 0",
                "bytes=-0       | UNSATISFIABLE | 0  | 0",
                "bytes=10-5     | WHOLE         | 0  | 99",
                "bytes=0-1,5-6  | WHOLE         | 0  | 99",
                "items=0-1      | WHOLE         | 0  | 99",
                "bytes=-        | WHOLE         | 0  | 99",
            })
    void rangesAreResolvedAgainstTheSize(String header, ByteRange.Kind kind, long first, long last) {
        assertThat(ByteRange.parse(header, 100)).isEqualTo(new ByteRange(kind, first, last));
    }
}
