/**
 * Running a composition to its end, in this JVM ({@link dev.quorum.composer.process.InProcessRunner})
 * or in a child JVM ({@link dev.quorum.composer.process.ChildProcessRunner}, entry point
 * {@link dev.quorum.composer.process.ComposerMain}) so a native fault cannot take the server down.
 */
package dev.quorum.composer.process;
