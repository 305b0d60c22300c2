/**
 * Compositions as jobs: {@link dev.quorum.composer.job.CompositionWorkers} take them from the
 * durable queue in the metadata store (compositions of rooms, and of archives over their window,
 * made of their own recordings: {@link dev.quorum.composer.job.JobSources}), run them and publish
 * their lifecycle on the event bus;
 * {@link dev.quorum.composer.job.CompositionHooks} create compositions when recorded rooms end.
 */
package dev.quorum.composer.job;
