package dev.quorum.api.http;

/**
 * Who a request authenticated as.
 *
 * @param accountSid    the account every resource of the request belongs to
 * @param credentialSid the account SID or API key SID of the Basic credentials
 */
public record Principal(String accountSid, String credentialSid) {

    /** True when the request used an API key rather than the account's auth token. */
    public boolean viaApiKey() {
        return credentialSid.startsWith("SK");
    }
}
