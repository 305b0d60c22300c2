/** Individual-stream archives: a room's recordings unmixed, in a ZIP with a manifest placing each in time. */
package dev.quorum.composer.archive;
