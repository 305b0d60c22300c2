package dev.quorum.bench.sidebyside;

import java.util.List;
import java.util.function.BiConsumer;

/** The benchmarks' command lines: {@code --name value} pairs, and the values both runners share. */
final class Flags {

    private Flags() {}

    /** Hands each flag and its value to {@code option}; a flag without a value is an error. */
    static void each(String[] args, BiConsumer<String, String> option) {
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            option.accept(args[i], args[i + 1]);
        }
    }

    /** {@code --java-opts}: the server JVM's options, split on spaces. */
    static List<String> javaOptions(String v) {
        return v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
    }
}
