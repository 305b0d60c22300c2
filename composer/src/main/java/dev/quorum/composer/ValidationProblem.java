package dev.quorum.composer;

/**
 * One reason a composition request was refused, in words a REST client can act on.
 *
 * @param parameter the request parameter at fault, as the REST API spells it
 *                  ({@code VideoLayout}, {@code AudioSources}, {@code Resolution}, {@code Format},
 *                  {@code RoomSid})
 * @param region    the layout region at fault, or null when the problem is not in one region
 * @param property  the region property at fault ({@code x_pos}, {@code video_sources}…), or null
 * @param message   a complete sentence naming the parameter, region and property
 */
public record ValidationProblem(String parameter, String region, String property, String message) {

    /** A problem with a whole parameter rather than one region. */
    public static ValidationProblem of(String parameter, String message) {
        return new ValidationProblem(parameter, null, null, message);
    }

    @Override
    public String toString() {
        return message;
    }
}
