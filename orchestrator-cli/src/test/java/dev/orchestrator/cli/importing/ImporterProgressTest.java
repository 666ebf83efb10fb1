package dev.orchestrator.cli.importing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ImportCatalog;
import dev.orchestrator.core.domain.catalog.CatalogSection;
import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write pass's progress only moves forward and ends at its maximum, whatever the order of the file's sections. */
class ImporterProgressTest {

    @TempDir
    Path dir;

    /** Records every position a bar is given; the real bar redraws only when the position grows. */
    private static final class RecordingBar implements Progress {
        final String task;
        final long max;
        final List<Long> positions = new ArrayList<>();

        RecordingBar(String task, long max) {
            this.task = task;
            this.max = max;
        }

        @Override
        public void stepTo(long position) {
            positions.add(position);
        }

        @Override
        public void close() {
        }
    }

    /** A store that accepts every row (the rules are not under test here). */
    private static final class AcceptAll implements ImportCatalog {
        final Map<CatalogSection, Integer> written = new HashMap<>();

        @Override
        public Import begin() {
            return new Import() {
                final Problems problems = new Problems();

                @Override
                public void check(CatalogSection section, int index, JsonObject row) {
                }

                @Override
                public Problems problems() {
                    return problems;
                }

                @Override
                public void finishChecks() {
                }

                @Override
                public Result<Report> write(Replay replay) {
                    replay.replay((section, index, row) -> written.merge(section, 1, Integer::sum));
                    return Result.ok(new Report(Map.of(), Set.of(), 0, 0, 0));
                }

                @Override
                public Map<CatalogSection, Integer> rowsRead() {
                    return Map.of();
                }
            };
        }
    }

    @Test
    void writing_moves_forward_in_a_file_in_dependency_order() throws Exception {
        assertForward(file("customers", "workflow_executions"));
    }

    @Test
    void writing_moves_forward_when_the_file_is_read_once_per_section() throws Exception {
        // executions before customers: the write pass reads the file once per section
        assertForward(file("workflow_executions", "customers"));
    }

    private void assertForward(Path file) throws Exception {
        List<RecordingBar> bars = new ArrayList<>();
        AcceptAll store = new AcceptAll();
        new Importer(store, (task, max) -> {
            RecordingBar bar = new RecordingBar(task, max);
            bars.add(bar);
            return bar;
        }).run(file, file.getFileName().toString());

        assertThat(store.written).containsEntry(CatalogSection.CUSTOMERS, 2000).containsEntry(CatalogSection.WORKFLOW_EXECUTIONS, 2000);
        RecordingBar writing = bars.stream().filter(b -> b.task.equals("Writing")).findFirst().orElseThrow();
        assertThat(writing.positions).hasSizeGreaterThan(10);
        assertThat(writing.positions).isSorted();
        assertThat(writing.positions.get(writing.positions.size() - 1)).isLessThanOrEqualTo(writing.max);
        assertThat(writing.positions.stream().distinct().count()).isGreaterThan(10);
    }

    private Path file(String first, String second) throws Exception {
        StringBuilder json = new StringBuilder("{");
        for (String section : List.of(first, second)) {
            if (json.length() > 1) {
                json.append(",\n");
            }
            json.append('"').append(section).append("\": [");
            for (int i = 0; i < 2000; i++) {
                json.append(i == 0 ? "" : ",").append("{\"n\": ").append(i).append(", \"pad\": \"").append("x".repeat(40)).append("\"}");
            }
            json.append("]");
        }
        json.append("}");
        Path file = dir.resolve(first + "-" + second + ".json");
        Files.writeString(file, json);
        return file;
    }
}
