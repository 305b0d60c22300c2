/**
 * Compositions with their durable job queue, and composition hooks.
 */
package dev.quorum.storage.composition;
