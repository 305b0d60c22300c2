/**
 * Recordings (one per recorded track) as the recorder writes them and the REST API shows them.
 */
package dev.quorum.storage.recording;
