/**
 * The per-account recording and composition settings resources.
 */
package dev.quorum.api.settings;
