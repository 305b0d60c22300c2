package dev.quorum.api.rooms;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.api.http.Call;
import dev.quorum.api.http.Paging;
import io.vertx.core.json.JsonArray;

/**
 * The hosted service's resources this server does not implement (subscribe rules, anonymize,
 * transcriptions). They answer 501 with a message saying so — not 404, which would suggest a
 * wrong SID — except the transcriptions list, which is truthfully empty.
 */
public final class NotImplementedResource {

    private final RoomLookup lookup;

    public NotImplementedResource(RoomLookup lookup) {
        this.lookup = lookup;
    }

    public void register(ApiRouter api) {
        api.path("/Rooms/:RoomSid/Participants/:ParticipantSid/SubscribeRules")
                .get(c -> refuse(c, "SubscribeRules"))
                .post(c -> refuse(c, "SubscribeRules"))
                .done();
        api.path("/Rooms/:RoomSid/Participants/:ParticipantSid/Anonymize")
                .post(c -> refuse(c, "Anonymize"))
                .done();
        api.path("/Rooms/:RoomSid/Transcriptions")
                .get(this::emptyTranscriptions)
                .post(c -> refuse(c, "Transcriptions"))
                .done();
        api.path("/Rooms/:RoomSid/Transcriptions/:Ttid")
                .get(c -> refuse(c, "Transcriptions"))
                .post(c -> refuse(c, "Transcriptions"))
                .done();
    }

    private void refuse(Call call, String what) {
        lookup.require(call.account(), call.pathParam("RoomSid"), call.path());
        throw new ApiException(501, 20501, what + " is not supported by this server");
    }

    private void emptyTranscriptions(Call call) {
        lookup.require(call.account(), call.pathParam("RoomSid"), call.path());
        Paging.Request page = Paging.parse(call.query(), 50, 1000);
        String path = "/v1/Rooms/" + call.pathParam("RoomSid") + "/Transcriptions";
        call.json(
                200,
                Paging.list(
                        "transcriptions",
                        new JsonArray(),
                        Paging.meta(
                                "transcriptions",
                                call.baseUrl(),
                                path,
                                call.query(),
                                page,
                                java.util.Optional.empty())));
    }
}
