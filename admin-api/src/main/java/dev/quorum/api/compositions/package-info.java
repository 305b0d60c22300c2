/**
 * Compositions (validated up front, then queued for the composer's workers) and composition hooks.
 */
package dev.quorum.api.compositions;
