package dev.orchestrator.cli.importing;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ImportCatalog;
import dev.orchestrator.core.domain.catalog.CatalogSection;
import dev.orchestrator.core.domain.catalog.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Imports one JSON file in two streaming passes through the core's {@link ImportCatalog}: the
 * first checks everything (fields, ids, references, in the file and in the database), the second
 * writes it in one transaction. Either everything is written or nothing is. This class only reads
 * the file and shows progress: every rule is the core's.
 */
public final class Importer {

    /** What was read and written, and how long each pass took. */
    public record Outcome(Map<CatalogSection, Integer> rowsRead, ImportCatalog.Report report, long validateMillis,
            long writeMillis) {
    }

    /** Makes a progress bar: task name and maximum (bytes). */
    @FunctionalInterface
    public interface Bars {
        Progress bar(String task, long max);
    }

    private final ImportCatalog imports;
    private final Bars bars;

    public Importer(ImportCatalog imports, boolean interactive) {
        this(imports, (task, max) -> Progress.bytes(interactive, task, max));
    }

    /** With the progress bars {@code bars} makes (tests watch the positions). */
    public Importer(ImportCatalog imports, Bars bars) {
        this.imports = imports;
        this.bars = bars;
    }

    public Outcome run(Path file, String displayName) throws Exception {
        ImportReader reader = new ImportReader(file, displayName);
        long size = Files.size(file);

        long started = System.nanoTime();
        ImportCatalog.Import run = imports.begin();
        List<CatalogSection> order;
        try (Progress progress = bars.bar("Checking", size)) {
            order = reader.read(EnumSet.allOf(CatalogSection.class),
                    (section, index, node) -> run.check(section, index, JsonTrees.toCore(node)), run.problems(), progress);
        }
        if (run.problems().isEmpty()) {
            run.finishChecks();
        }
        if (!run.problems().isEmpty()) {
            throw new ImportRejected(displayName, run.problems().count(), lines(run.problems().kept()), null);
        }
        long validated = System.nanoTime();

        Result<ImportCatalog.Report> written;
        // Sections out of dependency order are written with one read of the file per section: the
        // bar then spans every read, so that its position only ever grows (the bar redraws only
        // when the position passes the last one it drew).
        int reads = inDependencyOrder(order) ? 1 : (int) order.stream().distinct().count();
        try (Progress progress = bars.bar("Writing", size * Math.max(1, reads))) {
            written = run.write(sink -> replay(reader, order, sink, progress, size));
        }
        if (written instanceof Result.Err<ImportCatalog.Report> err) {
            List<String> problems = err.failure() instanceof Failure.Invalid invalid
                    ? invalid.errors().stream().map(e -> e.field() + ": " + e.message()).toList()
                    : List.of(err.failure().message());
            throw new ImportRejected(displayName, problems.size(), problems, null);
        }
        long done = System.nanoTime();
        return new Outcome(run.rowsRead(), written.orElseThrow(), (validated - started) / 1_000_000,
                (done - validated) / 1_000_000);
    }

    /** The second pass: the file again, parents first (one pass per section if the file has them out of order). */
    private static void replay(ImportReader reader, List<CatalogSection> order, ImportCatalog.RowSink sink,
            Progress progress, long size) {
        ImportReader.Handler write = (section, index, node) -> sink.row(section, index, JsonTrees.toCore(node));
        var unexpected = new dev.orchestrator.core.domain.catalog.Problems();
        try {
            if (inDependencyOrder(order)) {
                reader.read(EnumSet.allOf(CatalogSection.class), write, unexpected, progress);
            } else {
                long base = 0;
                for (CatalogSection section : CatalogSection.values()) {
                    if (order.contains(section)) {
                        reader.read(EnumSet.of(section), write, unexpected, offset(progress, base));
                        base += size;
                    }
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the file could not be read a second time: " + e.getMessage(), e);
        }
        if (!unexpected.isEmpty()) {
            throw new IllegalStateException("the file changed between the two passes: " + unexpected.kept());
        }
    }

    /** {@code progress} seen from one read of the file: positions shifted by {@code base}; closing is the caller's. */
    private static Progress offset(Progress progress, long base) {
        return new Progress() {
            @Override
            public void stepTo(long position) {
                if (position >= 0) {
                    progress.stepTo(base + position);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    private static List<String> lines(List<Problem> problems) {
        return problems.stream().map(Problem::toString).toList();
    }

    private static boolean inDependencyOrder(List<CatalogSection> order) {
        for (int i = 1; i < order.size(); i++) {
            if (order.get(i).ordinal() < order.get(i - 1).ordinal()) {
                return false;
            }
        }
        return true;
    }
}
