package dev.quorum.api.http;

/** One operation of a resource; runs on a worker thread and may block on the stores. */
@FunctionalInterface
public interface Endpoint {
    void handle(Call call) throws Exception;
}
