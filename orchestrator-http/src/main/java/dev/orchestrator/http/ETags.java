package dev.orchestrator.http;

import io.javalin.http.Context;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versions as entity tags: {@code ETag: "v7"} on what GET, PUT and PATCH answer, and
 * {@code If-Match: "v7"} on a write to make it fail with 412 if someone wrote in between. A write
 * without If-Match still never overwrites a change made between its own read and write.
 */
final class ETags {

    private static final Pattern TAG = Pattern.compile("(?:W/)?\"v(\\d{1,18})\"");

    private ETags() {
    }

    static String of(long version) {
        return "\"v" + version + "\"";
    }

    static void set(Context ctx, long version) {
        ctx.header("ETag", of(version));
    }

    /** The version {@code If-Match} names; empty without the header or with {@code *}. */
    static OptionalLong ifMatch(Context ctx) {
        String header = ctx.header("If-Match");
        if (header == null || header.strip().equals("*")) {
            return OptionalLong.empty();
        }
        Matcher m = TAG.matcher(header.strip());
        if (!m.matches()) {
            throw ApiProblem.invalid("If-Match", "must be one entity tag as an ETag header gave it, such as \"v3\"");
        }
        return OptionalLong.of(Long.parseLong(m.group(1)));
    }
}
