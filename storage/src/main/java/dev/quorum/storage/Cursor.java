package dev.quorum.storage;

/**
 * Where a page of a list ends: lists are ordered newest first by (creation time, SID), so the
 * next page starts strictly after the last row shown. Rows created while a client pages do not
 * shift the pages it has not read yet.
 *
 * @param time epoch milliseconds of the last row's creation (or its sequence id)
 * @param sid  the last row's SID (empty when ordering by a sequence id alone)
 */
public record Cursor(long time, String sid) {

    public Cursor {
        if (sid == null) {
            throw new IllegalArgumentException("sid");
        }
    }
}
