package dev.quorum.composer;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A composition request (layout, sources, resolution, format) that cannot be honoured. Thrown at
 * validation time, before a job exists; {@link #problems()} lists every fault found, not only the
 * first, so a client can fix them in one round.
 */
public final class InvalidCompositionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ValidationProblem> problems;

    public InvalidCompositionException(List<ValidationProblem> problems) {
        super(problems.stream().map(ValidationProblem::message).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid composition needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public InvalidCompositionException(ValidationProblem problem) {
        this(List.of(problem));
    }

    public List<ValidationProblem> problems() {
        return problems;
    }
}
