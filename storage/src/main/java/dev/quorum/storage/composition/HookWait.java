package dev.quorum.storage.composition;

/** An ended room whose composition hooks have not run yet: its recordings were still being written. */
public record HookWait(String roomSid, String accountSid) {}
