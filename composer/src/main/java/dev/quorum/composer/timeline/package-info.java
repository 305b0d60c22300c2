/** Output time against room time: the spans of the room clock a composition keeps. */
package dev.quorum.composer.timeline;
