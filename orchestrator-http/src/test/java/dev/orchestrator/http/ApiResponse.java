package dev.orchestrator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Optional;

/** A response as a test reads it. */
record ApiResponse(int status, String body, HttpResponse<String> raw) {

    JsonNode json() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    Optional<String> header(String name) {
        return raw.headers().firstValue(name);
    }

    String contentType() {
        return header("Content-Type").orElse("");
    }

    /** The field names of a problem's {@code errors}. */
    java.util.List<String> errorFields() {
        java.util.List<String> fields = new java.util.ArrayList<>();
        json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
