package dev.quorum.api.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.ApiServer;
import dev.quorum.api.testing.ApiTestBase;
import dev.quorum.api.testing.TestClient.Reply;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class KeysApiTest extends ApiTestBase {

    private static final String KEYS = "/2010-04-01/Accounts/" + ApiServer.ACCOUNT + "/Keys";

    @Test
    void keysHaveThe2010ShapeAndTheirSecretIsShownOnce() {
        Reply created = api.post(KEYS + ".json", "FriendlyName", "deploy");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject k = created.json();
        assertThat(k.fieldNames())
                .containsExactlyInAnyOrder("sid", "friendly_name", "date_created", "date_updated", "secret");
        assertThat(k.getString("date_created"))
                .matches("[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000");
        String sid = k.getString("sid");
        assertThat(server.client(sid, k.getString("secret")).get("/v1/Rooms").status())
                .isEqualTo(200);

        JsonObject fetched = api.get(KEYS + "/" + sid + ".json").json();
        assertThat(fetched.containsKey("secret")).isFalse();
        assertThat(fetched.getString("friendly_name")).isEqualTo("deploy");

        JsonObject page = api.get(KEYS + ".json?PageSize=1").json();
        assertThat(page.fieldNames())
                .contains(
                        "keys",
                        "uri",
                        "first_page_uri",
                        "next_page_uri",
                        "previous_page_uri",
                        "page",
                        "page_size",
                        "start",
                        "end")
                .doesNotContain("meta");
        assertThat(page.getString("next_page_uri")).startsWith(KEYS + ".json?PageSize=1&Page=1&PageToken=");
        JsonObject second = api.get(page.getString("next_page_uri")).json();
        assertThat(second.getJsonArray("keys")).hasSize(1);
        assertThat(second.getValue("next_page_uri")).isNull();

        assertThat(api.post(KEYS + "/" + sid + ".json", "FriendlyName", "renamed")
                        .json()
                        .getString("friendly_name"))
                .isEqualTo("renamed");
        assertThat(api.delete(KEYS + "/" + sid + ".json").status()).isEqualTo(204);
        assertError(server.client(sid, k.getString("secret")).get("/v1/Rooms"), 401, 20003);
        assertError(api.get(KEYS + "/" + sid + ".json"), 404, 20404);
    }

    @Test
    void onlyTheAccountsAuthTokenManagesItsKeys() {
        assertError(server.client(ApiServer.KEY, ApiServer.KEY_SECRET).get(KEYS + ".json"), 403, 20403);
        assertError(server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN).get(KEYS + ".json"), 404, 20404);
        assertError(
                server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN).get(KEYS + "/" + ApiServer.KEY + ".json"),
                404,
                20404);
        assertError(api.delete(KEYS + "/" + ApiServer.KEY + ".json"), 403, 20403);
        assertError(api.get(KEYS + "/" + ApiServer.KEY), 404, 20404);
        assertError(server.client(null, null).post(KEYS + ".json"), 401, 20003);
        assertError(api.method("PUT", KEYS + ".json"), 405, 20004);
    }
}
