/**
 * Archives' outputs: individual-stream archives (recordings unmixed, in a ZIP with a manifest
 * placing each in time), and what a composed archive is composed as ({@link
 * dev.quorum.composer.archive.ComposedArchivePlan}).
 */
package dev.quorum.composer.archive;
