package dev.orchestrator.cli.importing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.persistence.load.ExistingRows;
import dev.orchestrator.persistence.load.ImportWriter;
import dev.orchestrator.persistence.load.ImportWriter.Section;
import dev.orchestrator.persistence.load.LoadRejected;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Imports one JSON file in two streaming passes: the first validates everything (fields, ids,
 * references, in the file and against the database), the second writes it in one transaction
 * through {@link ImportWriter}. Either everything is written or nothing is.
 */
public final class Importer {

    /** What was written: rows per table, and the organizations the rows belong to. */
    public record Outcome(Map<Section, Integer> rowsRead, Map<String, ImportWriter.Counts> written,
            Set<UUID> organizations, long validateMillis, long writeMillis) {
    }

    private final DataSource dataSource;
    private final PriorityPolicy policy;
    private final boolean interactive;
    private final int batchSize;

    public Importer(DataSource dataSource, PriorityPolicy policy, boolean interactive, int batchSize) {
        this.dataSource = dataSource;
        this.policy = policy;
        this.interactive = interactive;
        this.batchSize = batchSize;
    }

    public Outcome run(Path file, String displayName) throws Exception {
        ImportReader reader = new ImportReader(file, displayName);
        long size = Files.size(file);

        long started = System.nanoTime();
        Problems problems = new Problems();
        ImportValidator validator = new ImportValidator(problems, policy, new ExistingRows(dataSource));
        List<Section> order;
        try (Progress progress = Progress.bytes(interactive, "Checking", size)) {
            order = reader.read(EnumSet.allOf(Section.class), validator, problems, progress);
        }
        validator.finish();
        if (!problems.isEmpty()) {
            throw new ImportRejected(displayName, problems.count(), problems.kept(), null);
        }
        long validated = System.nanoTime();

        Map<String, ImportWriter.Counts> written;
        Set<UUID> organizations;
        Problems unexpected = new Problems();
        RowMapper mapper = new RowMapper(unexpected, policy);
        try (ImportWriter writer = ImportWriter.begin(dataSource, batchSize);
             Progress progress = Progress.bytes(interactive, "Writing", size)) {
            ImportReader.Handler write = (section, index, node) -> write(writer, mapper, section, index, node);
            if (inDependencyOrder(order)) {
                reader.read(EnumSet.allOf(Section.class), write, unexpected, progress);
            } else {
                // Sections out of order in the file: one pass per section, parents first.
                for (Section section : Section.values()) {
                    if (order.contains(section)) {
                        reader.read(EnumSet.of(section), write, unexpected, Progress.none());
                    }
                }
            }
            if (!unexpected.isEmpty()) {
                throw new IllegalStateException("rows changed between the two passes: " + unexpected.kept());
            }
            written = writer.commit();
            organizations = Set.copyOf(writer.organizations());
        } catch (LoadRejected e) {
            throw new ImportRejected(displayName, 1, List.of(e.location() + ": " + e.reason()), e);
        } catch (SQLException e) {
            throw new ImportRejected(displayName, 1, List.of("the database failed: " + e.getMessage()), e);
        }
        long done = System.nanoTime();
        return new Outcome(validator.counts(), written, organizations, (validated - started) / 1_000_000,
                (done - validated) / 1_000_000);
    }

    private static void write(ImportWriter writer, RowMapper mapper, Section section, int index, JsonNode node)
            throws SQLException {
        switch (section) {
            case ORGANIZATIONS -> writer.add(mapper.organization(node, index));
            case PROFILES -> writer.add(mapper.profile(node, index));
            case CUSTOMERS -> writer.add(mapper.customer(node, index));
            case WORKFLOW_DEFINITIONS -> writer.add(mapper.definition(node, index));
            case WORKFLOW_EXECUTIONS -> writer.add(mapper.execution(node, index, UUID.randomUUID()));
            default -> throw new IllegalStateException();
        }
    }

    private static boolean inDependencyOrder(List<Section> order) {
        for (int i = 1; i < order.size(); i++) {
            if (order.get(i).ordinal() < order.get(i - 1).ordinal()) {
                return false;
            }
        }
        return true;
    }
}
