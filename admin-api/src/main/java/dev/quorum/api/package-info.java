/**
 * The REST API in the hosted video service's resource model ({@link dev.quorum.api.AdminApi}): resources under {@code /v1}, API keys under {@code /2010-04-01}, signed media links under {@code /media}, and durable signed status callbacks.
 */
package dev.quorum.api;
