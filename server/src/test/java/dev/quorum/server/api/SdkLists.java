package dev.quorum.server.api;

import com.twilio.base.Resource;
import com.twilio.base.ResourceSet;
import java.util.List;
import java.util.stream.StreamSupport;

/** Reads an SDK list to the end, following its pages as the SDK does. */
public final class SdkLists {

    private SdkLists() {}

    public static <T extends Resource> List<T> all(ResourceSet<T> set) {
        return StreamSupport.stream(set.spliterator(), false).toList();
    }
}
