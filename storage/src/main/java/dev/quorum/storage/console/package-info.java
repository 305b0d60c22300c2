/**
 * Sign-ins of the web console: sessions found by a hash of their cookie, with their CSRF token and
 * expiry, shared by every server using the same metadata store.
 */
package dev.quorum.storage.console;
