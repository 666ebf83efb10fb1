package dev.orchestrator.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty produces itself, before any route runs (URI too long, headers too large, bad framing,
 * bad percent-encoding, ambiguous paths...): written as {@code application/problem+json} with an
 * {@code X-Request-Id}, like every other error, instead of Jetty's HTML page. Installed on the server
 * and on the servlet context.
 */
final class ServerErrors extends ErrorHandler {

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        String requestId = RequestIds.chooseId(request.getHeaders().get(RequestIds.HEADER),
                request.getHeaders().get("traceparent"));
        byte[] body = body(code, message, request.getHttpURI() == null ? "" : request.getHttpURI().getPath(), requestId);
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemResponses.CONTENT_TYPE);
        response.getHeaders().put(RequestIds.HEADER, requestId);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Used by Jetty for requests it could not even parse (no request object to speak of). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, org.eclipse.jetty.http.HttpFields.Mutable fields) {
        String requestId = RequestIds.chooseId(null, null);
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, ProblemResponses.CONTENT_TYPE));
        fields.put(RequestIds.HEADER, requestId);
        return ByteBuffer.wrap(body(status, reason, "", requestId));
    }

    private static byte[] body(int code, String message, String path, String requestId) {
        String title = HttpStatus.getMessage(code);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:orchestrator:problem:http-" + code);
        problem.put("title", title);
        problem.put("status", code);
        problem.put("detail", detail(code, message, title));
        problem.put("instance", path == null ? "" : path);
        problem.put("request_id", requestId);
        return Json.write(problem);
    }

    private static String detail(int code, String message, String title) {
        return switch (code) {
            case 414 -> "the request URI is longer than the server accepts";
            case 431 -> "the request headers are larger than the " + HttpApi.MAX_HEADER_BYTES + " bytes accepted";
            default -> message == null || message.isBlank() ? title : message;
        };
    }

}
