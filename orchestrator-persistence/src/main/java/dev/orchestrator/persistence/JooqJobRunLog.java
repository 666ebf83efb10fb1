package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.JOB_RUNS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrator.core.application.port.out.JobRunLog;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.jobs.JobRun;
import dev.orchestrator.core.domain.jobs.JobStatus;
import dev.orchestrator.core.domain.jobs.StepReport;
import dev.orchestrator.persistence.jooq.tables.records.JobRunsRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * The run history in {@code job_runs}: one row per run, steps as a JSONB array of
 * {@code {"name", "counts": {...}, "seconds"}} (seconds to the nanosecond, as a decimal).
 */
final class JooqJobRunLog implements JobRunLog {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final DSLContext sql;

    JooqJobRunLog(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public void started(JobRun run) {
        sql.insertInto(JOB_RUNS)
                .set(JOB_RUNS.ID, run.id())
                .set(JOB_RUNS.JOB, run.job())
                .set(JOB_RUNS.INSTANCE, run.instance())
                .set(JOB_RUNS.ORGANIZATION_ID, run.organization() == null ? null : run.organization().value())
                .set(JOB_RUNS.TRIGGER, run.trigger())
                .set(JOB_RUNS.STATUS, run.status())
                .set(JOB_RUNS.STARTED_AT, time(run.startedAt()))
                .set(JOB_RUNS.FINISHED_AT, time(run.finishedAt()))
                .set(JOB_RUNS.STEPS, steps(run.steps()))
                .set(JOB_RUNS.ERROR, run.error())
                .execute();
    }

    @Override
    public void finished(JobRun run) {
        int updated = sql.update(JOB_RUNS)
                .set(JOB_RUNS.STATUS, run.status())
                .set(JOB_RUNS.FINISHED_AT, time(run.finishedAt()))
                .set(JOB_RUNS.STEPS, steps(run.steps()))
                .set(JOB_RUNS.ERROR, run.error())
                .where(JOB_RUNS.ID.eq(run.id()))
                .execute();
        if (updated != 1) {
            throw new IllegalStateException("job run " + run.id() + " was never started");
        }
    }

    @Override
    public List<JobRun> latest(String job, int limit) {
        return sql.selectFrom(JOB_RUNS)
                .where(JOB_RUNS.JOB.eq(job))
                .orderBy(JOB_RUNS.STARTED_AT.desc(), JOB_RUNS.ID.desc())
                .limit(limit)
                .fetch(JooqJobRunLog::run);
    }

    @Override
    public int abandonRunning(String job, Instant at) {
        return sql.update(JOB_RUNS)
                .set(JOB_RUNS.STATUS, JobStatus.ABANDONED)
                .set(JOB_RUNS.FINISHED_AT, time(at))
                .where(JOB_RUNS.JOB.eq(job).and(JOB_RUNS.STATUS.eq(JobStatus.RUNNING)))
                .execute();
    }

    private static JobRun run(JobRunsRecord r) {
        return new JobRun(r.getId(), r.getJob(), r.getInstance(),
                r.getOrganizationId() == null ? null : OrganizationId.of(r.getOrganizationId()),
                r.getTrigger(),
                r.getStatus(),
                r.getStartedAt().toInstant(), r.getFinishedAt() == null ? null : r.getFinishedAt().toInstant(),
                steps(r.getSteps()), r.getError());
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static JSONB steps(List<StepReport> steps) {
        ArrayNode array = MAPPER.createArrayNode();
        for (StepReport step : steps) {
            ObjectNode node = array.addObject();
            node.put("name", step.name());
            ObjectNode counts = node.putObject("counts");
            step.counts().forEach(counts::put);
            node.put("seconds", BigDecimal.valueOf(step.duration().toNanos(), 9));
        }
        try {
            return JSONB.valueOf(MAPPER.writeValueAsString(array));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<StepReport> steps(JSONB jsonb) {
        try {
            List<StepReport> steps = new ArrayList<>();
            for (JsonNode node : MAPPER.readTree(jsonb.data())) {
                Map<String, Long> counts = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.path("counts").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> count = it.next();
                    counts.put(count.getKey(), count.getValue().longValue());
                }
                long nanos = node.path("seconds").decimalValue().movePointRight(9).longValue();
                steps.add(new StepReport(node.path("name").asText(), counts, Duration.ofNanos(nanos)));
            }
            return steps;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored job steps are not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
