package dev.quorum.bench.sidebyside;

/** Why a run could not measure: a server did not start, a page failed, or media did not flow. */
final class BenchmarkFailure extends RuntimeException {

    BenchmarkFailure(String message) {
        super(message);
    }

    BenchmarkFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
