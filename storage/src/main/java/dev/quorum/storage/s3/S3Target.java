package dev.quorum.storage.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where objects go in an S3-compatible store: endpoint, region, bucket and key prefix, read from a
 * bucket URL as the hosted service's {@code AwsS3Url} takes it.
 *
 * <ul>
 *   <li>{@code https://my-bucket.s3.amazonaws.com/recordings} or
 *       {@code https://my-bucket.s3.eu-west-1.amazonaws.com/recordings}: an AWS bucket addressed by
 *       host name (virtual-hosted style);</li>
 *   <li>{@code https://s3.eu-west-1.amazonaws.com/my-bucket/recordings}: an AWS bucket in the path;</li>
 *   <li>any other host ({@code http://minio.internal:9000/my-bucket/recordings}): an S3-compatible
 *       server at that endpoint, bucket first in the path (path-style requests), region as
 *       configured.</li>
 * </ul>
 *
 * @param endpoint  scheme, host and port requests go to
 * @param region    signing region
 * @param bucket    bucket name
 * @param prefix    key prefix without leading or trailing slash, possibly empty
 * @param pathStyle whether the bucket goes in the path rather than the host name
 */
public record S3Target(URI endpoint, String region, String bucket, String prefix, boolean pathStyle) {

    public static final String DEFAULT_REGION = "us-east-1";

    private static final Pattern AWS_VIRTUAL = Pattern.compile("^(.+)\\.s3(?:[.-]([a-z0-9-]+))?\\.amazonaws\\.com$");
    private static final Pattern AWS_PATH = Pattern.compile("^s3(?:[.-]([a-z0-9-]+))?\\.amazonaws\\.com$");
    private static final Pattern BUCKET = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
    private static final Pattern PREFIX = Pattern.compile("^[A-Za-z0-9!_.*'()/-]*$");

    public S3Target {
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException(
                    "'" + bucket + "' is not a valid bucket name (3–63 lower-case letters," + " digits, '.' and '-')");
        }
        if (!PREFIX.matcher(prefix).matches()
                || prefix.startsWith("/")
                || prefix.endsWith("/")
                || prefix.contains("//")) {
            throw new IllegalArgumentException("Key prefix '" + prefix + "' may hold only letters, digits and"
                    + " !_.*'()/- separated by single slashes");
        }
    }

    /**
     * Reads a bucket URL.
     *
     * @param defaultRegion the region of a non-AWS endpoint, or of an AWS host that names none
     * @throws IllegalArgumentException saying what is wrong with the URL
     */
    public static S3Target parse(String url, String defaultRegion) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' must be an http or https URL with a host");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + url + "' must not carry a query, fragment or credentials");
        }
        String host = u.getHost().toLowerCase(Locale.ROOT);
        String path = trimSlashes(u.getPath() == null ? "" : u.getPath());
        String port = u.getPort() < 0 ? "" : ":" + u.getPort();
        Matcher virtual = AWS_VIRTUAL.matcher(host);
        if (virtual.matches()) {
            String region = region(virtual.group(2), defaultRegion);
            return new S3Target(
                    URI.create(scheme + "://s3." + region + ".amazonaws.com" + port),
                    region,
                    virtual.group(1),
                    path,
                    false);
        }
        Matcher aws = AWS_PATH.matcher(host);
        String region = aws.matches() ? region(aws.group(1), defaultRegion) : defaultRegion;
        if (path.isEmpty()) {
            throw new IllegalArgumentException("'" + url + "' names no bucket: give it as the first path segment"
                    + " (http://host:port/bucket/prefix)");
        }
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        String prefix = slash < 0 ? "" : path.substring(slash + 1);
        return new S3Target(URI.create(scheme + "://" + u.getRawAuthority()), region, bucket, prefix, true);
    }

    private static String region(String fromHost, String dflt) {
        return fromHost == null || fromHost.equals("external-1") ? dflt : fromHost;
    }

    private static String trimSlashes(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == '/') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == '/') {
            b--;
        }
        return s.substring(a, b);
    }

    /** The object key of {@code name} under the prefix. */
    public String objectKey(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The object's URL (what resources show as {@code media_external_location}). */
    public String location(String objectKey) {
        if (pathStyle) {
            return endpoint + "/" + bucket + "/" + objectKey;
        }
        return endpoint.getScheme() + "://" + bucket + "." + endpoint.getAuthority() + "/" + objectKey;
    }
}
