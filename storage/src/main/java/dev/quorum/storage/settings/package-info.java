/**
 * Per-account recording and composition settings.
 */
package dev.quorum.storage.settings;
