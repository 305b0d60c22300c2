package dev.quorum.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class S3TargetTest {

    @Test
    void awsVirtualHostedUrl() {
        S3Target t = S3Target.parse("https://my-bucket.s3.amazonaws.com/recordings", "us-east-1");
        assertThat(t)
                .isEqualTo(new S3Target(
                        URI.create("https://s3.us-east-1.amazonaws.com"),
                        "us-east-1",
                        "my-bucket",
                        "recordings",
                        false));
        assertThat(t.location(t.objectKey("RT1.mka")))
                .isEqualTo("https://my-bucket.s3.us-east-1.amazonaws.com/recordings/RT1.mka");
        assertThat(S3Target.parse("https://bkt.s3.eu-west-1.amazonaws.com/", "us-east-1")
                        .region())
                .isEqualTo("eu-west-1");
        assertThat(S3Target.parse("https://bkt.s3-eu-west-1.amazonaws.com", "us-east-1")
                        .prefix())
                .isEmpty();
    }

    @Test
    void awsPathStyleAndCustomEndpoints() {
        assertThat(S3Target.parse("https://s3.eu-central-1.amazonaws.com/bkt/a/b/", "us-east-1"))
                .isEqualTo(new S3Target(
                        URI.create("https://s3.eu-central-1.amazonaws.com"), "eu-central-1", "bkt", "a/b", true));
        S3Target minio = S3Target.parse("http://127.0.0.1:9000/media/rec", "eu-west-3");
        assertThat(minio)
                .isEqualTo(new S3Target(URI.create("http://127.0.0.1:9000"), "eu-west-3", "media", "rec", true));
        assertThat(minio.location("rec/x.mka")).isEqualTo("http://127.0.0.1:9000/media/rec/x.mka");
    }

    @Test
    void badUrlsSayWhy() {
        assertThatThrownBy(() -> S3Target.parse("ftp://x/y", "us-east-1")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> S3Target.parse("http://minio:9000", "us-east-1"))
                .hasMessageContaining("names no bucket");
        assertThatThrownBy(() -> S3Target.parse("http://minio:9000/Bad_Bucket", "us-east-1"))
                .hasMessageContaining("not a valid bucket");
        assertThatThrownBy(() -> S3Target.parse("http://minio:9000/b1x/a//b", "us-east-1"))
                .hasMessageContaining("Key prefix");
    }
}
