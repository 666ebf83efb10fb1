package dev.orchestrator.benchmarks.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The suite's markdown report, and the figures it holds by key (the smoke test checks them). */
final class Report {

    private final StringBuilder md = new StringBuilder();
    private final Map<String, Double> figures = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    void heading(int level, String text) {
        md.append('\n').append("#".repeat(level)).append(' ').append(text).append("\n\n");
        System.err.println("[suite] " + text);
    }

    void paragraph(String text) {
        md.append(text).append("\n\n");
    }

    void code(String text) {
        md.append("```\n").append(text.strip()).append("\n```\n\n");
    }

    void table(List<String> header, List<List<String>> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> md.append("---|"));
        md.append('\n');
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append('\n');
    }

    void figure(String key, double value) {
        figures.put(key, value);
        System.err.printf(Locale.ROOT, "[suite]   %s = %s%n", key, fmt(value));
    }

    /** Something that went wrong but did not stop the suite; listed at the end and returned. */
    void problem(String text) {
        problems.add(text);
        System.err.println("[suite] PROBLEM: " + text);
    }

    Map<String, Double> figures() {
        return Collections.unmodifiableMap(figures);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    String markdown() {
        StringBuilder all = new StringBuilder(md);
        if (!problems.isEmpty()) {
            all.append("\n## Problems during this run\n\n");
            problems.forEach(p -> all.append("- ").append(p).append('\n'));
        }
        return all.toString();
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, markdown());
        StringBuilder tsv = new StringBuilder();
        figures.forEach((k, v) -> tsv.append(k).append('\t').append(fmt(v)).append('\n'));
        Files.writeString(file.resolveSibling("figures.tsv"), tsv.toString());
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%.2f×", v);
    }

    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String mb(long kb) {
        return String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
    }
}
