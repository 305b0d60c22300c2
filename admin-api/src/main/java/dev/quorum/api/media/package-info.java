/**
 * Media redirects to signed links and the byte-range download endpoint that serves them.
 */
package dev.quorum.api.media;
