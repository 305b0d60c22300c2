/**
 * The durable status-callback queue and delivery log.
 */
package dev.quorum.storage.callback;
