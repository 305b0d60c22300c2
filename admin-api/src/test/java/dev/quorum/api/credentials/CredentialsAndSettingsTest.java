package dev.quorum.api.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.accounts.v1.credential.Aws;
import com.twilio.rest.accounts.v1.credential.PublicKey;
import com.twilio.rest.video.v1.CompositionSettings;
import com.twilio.rest.video.v1.RecordingSettings;
import dev.quorum.api.testing.ApiServer;
import dev.quorum.api.testing.ApiTestBase;
import dev.quorum.storage.testing.Openssl;
import dev.quorum.storage.testing.S3Server;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Accounts API's credentials through twilio-java's own classes, and recording/composition
 * settings that use them, checked against a real S3 server.
 */
@Tag("slow")
class CredentialsAndSettingsTest extends ApiTestBase {

    private TwilioRestClient client;
    private S3Server s3;
    private Path keys;

    private TwilioRestClient client(String user, String secret, String account) {
        HttpRoutePlanner toLocal = (target, ctx) -> new HttpRoute(new HttpHost("http", "127.0.0.1", server.port()));
        return new TwilioRestClient.Builder(user, secret)
                .accountSid(account)
                .httpClient(new NetworkHttpClient(HttpClientBuilder.create().setRoutePlanner(toLocal)))
                .build();
    }

    @BeforeEach
    void setUp() throws Exception {
        client = client(ApiServer.ACCOUNT, ApiServer.TOKEN, ApiServer.ACCOUNT);
        s3 = S3Server.start(dir.resolve("s3"));
        s3.createBucket("recordings");
        keys = Files.createDirectories(dir.resolve("keys"));
        Openssl.generateKeyPair(keys, 2048);
    }

    @AfterEach
    void stopS3() throws Exception {
        s3.close();
    }

    private static <T extends com.twilio.base.Resource> List<T> all(ResourceSet<T> set) {
        return StreamSupport.stream(set.spliterator(), false).toList();
    }

    @Test
    void twilioJavaManagesCredentialsWhoseSecretsAreNeverShown() throws Exception {
        Aws aws = Aws.creator(S3Server.ACCESS_KEY + ":" + S3Server.SECRET)
                .setFriendlyName("bucket writer")
                .create(client);
        assertThat(aws.getSid()).matches("CR[0-9a-f]{32}");
        assertThat(aws.getAccountSid()).isEqualTo(ApiServer.ACCOUNT);
        assertThat(aws.getFriendlyName()).isEqualTo("bucket writer");
        assertThat(aws.getDateCreated()).isNotNull();
        assertThat(aws.getUrl().toString()).isEqualTo(server.baseUrl() + "/v1/Credentials/AWS/" + aws.getSid());
        PublicKey pk = PublicKey.creator(Files.readString(keys.resolve("public_key.pem")))
                .setFriendlyName("media")
                .create(client);
        assertThat(pk.getSid()).matches("CR[0-9a-f]{32}");

        assertThat(Aws.fetcher(aws.getSid()).fetch(client).getFriendlyName()).isEqualTo("bucket writer");
        assertThat(all(Aws.reader().read(client))).extracting(Aws::getSid).containsExactly(aws.getSid());
        assertThat(all(PublicKey.reader().read(client)))
                .extracting(PublicKey::getSid)
                .containsExactly(pk.getSid());
        assertThat(Aws.updater(aws.getSid())
                        .setFriendlyName("renamed")
                        .update(client)
                        .getFriendlyName())
                .isEqualTo("renamed");
        assertThat(PublicKey.fetcher(pk.getSid()).fetch(client).getFriendlyName())
                .isEqualTo("media");

        JsonObject raw = api.get("/v1/Credentials/AWS/" + aws.getSid()).json();
        assertThat(raw.fieldNames())
                .containsExactlyInAnyOrder(
                        "sid", "account_sid", "friendly_name", "date_created", "date_updated", "url");
        assertThat(raw.encode()).doesNotContain(S3Server.SECRET).doesNotContain(S3Server.ACCESS_KEY);
        assertThat(api.get("/v1/Credentials/PublicKeys").body()).doesNotContain("BEGIN PUBLIC KEY");

        // Another account sees none of them, and cannot use them in its settings.
        TwilioRestClient other = client(ApiServer.OTHER, ApiServer.OTHER_TOKEN, ApiServer.OTHER);
        assertThatThrownBy(() -> Aws.fetcher(aws.getSid()).fetch(other))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
        assertThat(all(PublicKey.reader().read(other))).isEmpty();
        assertThatThrownBy(() -> RecordingSettings.creator("x")
                        .setEncryptionKeySid(pk.getSid())
                        .create(other))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.getMessage()).contains("is not a public key of this account"));

        assertThat(PublicKey.deleter(pk.getSid()).delete(client)).isTrue();
        assertThat(Aws.deleter(aws.getSid()).delete(client)).isTrue();
        assertThat(all(Aws.reader().read(client))).isEmpty();
    }

    @Test
    void twilioJavaCreatesSettingsThatUseTheCredentials() throws Exception {
        Aws aws = Aws.creator(S3Server.ACCESS_KEY + ":" + S3Server.SECRET).create(client);
        PublicKey pk = PublicKey.creator(Files.readString(keys.resolve("public_key.pem")))
                .create(client);
        String url = s3.url("recordings", "quorum/rec");
        RecordingSettings rs = RecordingSettings.creator("to my bucket")
                .setAwsCredentialsSid(aws.getSid())
                .setAwsS3Url(java.net.URI.create(url))
                .setAwsStorageEnabled(true)
                .setEncryptionKeySid(pk.getSid())
                .setEncryptionEnabled(true)
                .create(client);
        assertThat(rs.getAwsStorageEnabled()).isTrue();
        assertThat(rs.getEncryptionEnabled()).isTrue();
        assertThat(rs.getAwsCredentialsSid()).isEqualTo(aws.getSid());
        assertThat(rs.getEncryptionKeySid()).isEqualTo(pk.getSid());
        CompositionSettings cs = CompositionSettings.creator("compositions")
                .setAwsCredentialsSid(aws.getSid())
                .setAwsS3Url(java.net.URI.create(s3.url("recordings", "quorum/cmp")))
                .setAwsStorageEnabled(true)
                .create(client);
        assertThat(cs.getAwsS3Url().toString()).isEqualTo(s3.url("recordings", "quorum/cmp"));
        // The bucket was checked by writing (and removing) a probe object under the prefix.
        assertThat(s3.keys("recordings")).isEmpty();
    }

    @Test
    void settingsThatCannotBeAppliedAreRefusedWithTheReason() throws Exception {
        String aws = api.post("/v1/Credentials/AWS", "Credentials", S3Server.ACCESS_KEY + ":" + S3Server.SECRET)
                .json()
                .getString("sid");
        String wrong = api.post("/v1/Credentials/AWS", "Credentials", S3Server.ACCESS_KEY + ":wrong")
                .json()
                .getString("sid");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Map<String, String> cases = Map.of(
                "http://127.0.0.1:" + closed + "/recordings",
                "did not answer",
                s3.url("no-such-bucket", "x"),
                "the bucket does not exist",
                "http://example.com",
                "names no bucket");
        for (var c : cases.entrySet()) {
            JsonObject e = assertError(
                    api.post(
                            "/v1/RecordingSettings/Default",
                            "FriendlyName",
                            "x",
                            "AwsStorageEnabled",
                            "true",
                            "AwsS3Url",
                            c.getKey(),
                            "AwsCredentialsSid",
                            aws),
                    400,
                    20001);
            assertThat(e.getString("message")).as(c.getKey()).contains(c.getValue());
        }
        JsonObject refused = assertError(
                api.post(
                        "/v1/RecordingSettings/Default",
                        "FriendlyName",
                        "x",
                        "AwsStorageEnabled",
                        "true",
                        "AwsS3Url",
                        s3.url("recordings", ""),
                        "AwsCredentialsSid",
                        wrong),
                400,
                20001);
        assertThat(refused.getString("message")).contains("the credentials were refused");
        assertThat(api.get("/v1/RecordingSettings/Default").json().getValue("friendly_name"))
                .isNull();

        assertThat(assertError(api.post("/v1/Credentials/AWS", "Credentials", "no-colon"), 400, 20001)
                        .getString("message"))
                .contains("<AWS_ACCESS_KEY_ID>:<AWS_SECRET_ACCESS_KEY>");
        Openssl.sh(
                keys,
                Map.of(),
                "openssl genrsa -out short.pem 1024 2>/dev/null && openssl rsa -in short.pem -pubout"
                        + " -out short_pub.pem 2>/dev/null && openssl ecparam -name prime256v1 -genkey -noout -out ec.pem"
                        + " && openssl ec -in ec.pem -pubout -out ec_pub.pem 2>/dev/null");
        assertThat(assertError(
                                api.post(
                                        "/v1/Credentials/PublicKeys",
                                        "PublicKey",
                                        Files.readString(keys.resolve("short_pub.pem"))),
                                400,
                                20001)
                        .getString("message"))
                .contains("1024 bits; at least 2048");
        assertThat(assertError(
                                api.post(
                                        "/v1/Credentials/PublicKeys",
                                        "PublicKey",
                                        Files.readString(keys.resolve("ec_pub.pem"))),
                                400,
                                20001)
                        .getString("message"))
                .contains("not an RSA key (it is EC)");
        assertThat(assertError(api.post("/v1/Credentials/PublicKeys", "PublicKey", "hello"), 400, 20001)
                        .getString("message"))
                .contains("BEGIN PUBLIC KEY");
        assertThat(assertError(
                                api.post(
                                        "/v1/RecordingSettings/Default",
                                        "FriendlyName",
                                        "x",
                                        "EncryptionEnabled",
                                        "true",
                                        "EncryptionKeySid",
                                        aws),
                                400,
                                20001)
                        .getString("message"))
                .contains("is not a public key of this account");
    }
}
