package dev.quorum.api.archives;

import java.util.Optional;

/**
 * Checks a custom layout's stylesheet against the supported CSS subset before an archive starts
 * or its layout changes. The composer's layout parser provides the real check; until it is
 * plugged in, {@link #ANY} accepts every non-empty stylesheet.
 */
@FunctionalInterface
public interface StylesheetCheck {

    StylesheetCheck ANY = css -> Optional.empty();

    /** @return a sentence naming the unsupported rule, or empty when the stylesheet is accepted */
    Optional<String> problem(String stylesheet);
}
