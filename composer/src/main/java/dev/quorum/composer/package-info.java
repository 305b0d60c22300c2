/**
 * Compositions: what a composition asks for and how it is checked against a room.
 *
 * <p>{@link dev.quorum.composer.CompositionRequest#parse} validates the REST parameters of a
 * composition or hook (layout, audio selection, resolution, format, trim) and reports every fault
 * as a {@link dev.quorum.composer.ValidationProblem} naming parameter, region and property.
 * {@link dev.quorum.composer.CompositionPlanner} resolves a request against a room's
 * {@link dev.quorum.composer.SourceRecording}s into a {@link dev.quorum.composer.CompositionPlan}:
 * the timeline, who is drawn where and when, whose audio is mixed. Subpackages: {@code layout}
 * (the VideoLayout language, pure Java), {@code timeline}, {@code engine} (FFmpeg),
 * {@code process} (running a composition in a child JVM), {@code job} (the worker pool on the
 * durable queue, and hooks), {@code archive} (individual-stream archives).
 */
package dev.quorum.composer;
