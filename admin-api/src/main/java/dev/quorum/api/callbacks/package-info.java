/**
 * Status callbacks: recording events into the durable queue, signing, delivery with retries, and the delivery log.
 */
package dev.quorum.api.callbacks;
