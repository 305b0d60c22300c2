/**
 * Signed, expiring media download links.
 */
package dev.quorum.storage.url;
