package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ViewAnalytics;
import dev.orchestrator.core.application.port.out.AnalyticsReads;
import dev.orchestrator.core.application.port.out.CatalogReads;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.analytics.AnalyticsFacts;
import dev.orchestrator.core.domain.analytics.AnalyticsGrouping;
import dev.orchestrator.core.domain.analytics.AnalyticsPeriod;
import dev.orchestrator.core.domain.analytics.AnalyticsReport;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.views.Visibility;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Analytics: the request is checked here (so the API and the CLI answer alike), the scope is the
 * lists' (admins the organization, anyone else their own work and their reports'), the totals are one
 * read ({@link AnalyticsReads}) and the metrics follow from them in the core ({@link AnalyticsReport}).
 */
public final class AnalyticsService implements ViewAnalytics {

    private final AnalyticsReads analytics;
    private final ProfileLookup profiles;
    private final CatalogReads catalog;
    private final Clock clock;

    public AnalyticsService(AnalyticsReads analytics, ProfileLookup profiles, CatalogReads catalog, Clock clock) {
        this.analytics = analytics;
        this.profiles = profiles;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** A checked request. */
    private record Checked(AnalyticsPeriod period, Optional<AnalyticsGrouping> grouping) {
    }

    @Override
    public Result<AnalyticsReport> report(Profile caller, Request request) {
        if (caller.role() == Role.INTEGRATION) {
            return Result.err(new Failure.Forbidden("analytics are for people: CSMs, managers and admins"));
        }
        Instant now = clock.instant();
        Result<Checked> checked = check(request, now);
        if (checked instanceof Result.Err<Checked> err) {
            return Result.err(err.failure());
        }
        return Result.ok(report(caller, checked.orElseThrow(), now));
    }

    @Override
    public Result<AnalyticsReport> operatorReport(Optional<OrganizationId> organization, Optional<ProfileId> profile,
            Request request) {
        Instant now = clock.instant();
        Result<Checked> checked = check(request, now);
        if (checked instanceof Result.Err<Checked> err) {
            return Result.err(err.failure());
        }
        if (profile.isPresent()) {
            Optional<Profile> found = profiles.findCaller(profile.get())
                    .filter(p -> organization.map(o -> o.equals(p.organizationId())).orElse(true));
            if (found.isEmpty()) {
                return Result.err(new Failure.NotFound("no profile " + profile.get()
                        + organization.map(o -> " in organization " + o).orElse("")));
            }
            if (found.get().role() == Role.INTEGRATION) {
                return Result.err(Failure.Invalid.of("profile", "is an integration: it has no work to report on"));
            }
            return Result.ok(report(found.get(), checked.orElseThrow(), now));
        }
        if (organization.isEmpty()) {
            return Result.err(Failure.Invalid.of("organization", "or a profile is required"));
        }
        return Result.ok(report(organization.get(), new Visibility.WholeOrganization(), "the organization",
                checked.orElseThrow(), now));
    }

    private AnalyticsReport report(Profile caller, Checked checked, Instant now) {
        if (caller.role() == Role.ADMIN) {
            return report(caller.organizationId(), new Visibility.WholeOrganization(), "the organization", checked, now);
        }
        Set<ProfileId> csms = new HashSet<>();
        csms.add(caller.id());
        profiles.reportsOf(caller.organizationId(), caller.id()).forEach(p -> csms.add(p.id()));
        String scope = csms.size() == 1 ? caller.fullName() : caller.fullName() + "'s team";
        return report(caller.organizationId(), new Visibility.AssignedTo(csms), scope, checked, now);
    }

    private AnalyticsReport report(OrganizationId organization, Visibility scope, String scopeWords, Checked checked,
            Instant now) {
        AnalyticsFacts.Totals totals = analytics.totals(organization, scope, checked.period(), checked.grouping(), now);
        Map<String, String> people = new HashMap<>();
        profiles.profiles(organization, Optional.empty())
                .forEach(p -> people.put(p.id().value().toString(), p.fullName()));
        Map<String, String> definitions = new HashMap<>();
        catalog.definitions(organization).forEach(v -> {
            WorkflowDefinition d = v.value();
            definitions.put(d.id().value().toString(), d.name());
        });
        Map<String, String> labels = checked.grouping().map(g -> switch (g) {
            case CSM -> people;
            case DEFINITION -> definitions;
            default -> Map.<String, String>of();
        }).orElse(Map.of());
        return AnalyticsReport.of(totals, checked.period(), checked.grouping(), now, scopeWords,
                key -> labels.getOrDefault(key, key),
                (DefinitionId id) -> definitions.getOrDefault(id.value().toString(), id.value().toString()));
    }

    /** The request's checks, every problem named by its parameter. */
    private static Result<Checked> check(Request request, Instant now) {
        List<Failure.FieldError> errors = new ArrayList<>();
        Optional<LocalDate> from = date(request.from(), "from", errors);
        Optional<LocalDate> to = date(request.to(), "to", errors);
        Optional<AnalyticsGrouping> grouping = Optional.empty();
        if (request.groupBy().isPresent()) {
            grouping = AnalyticsGrouping.fromWireName(request.groupBy().get());
            if (grouping.isEmpty()) {
                errors.add(new Failure.FieldError("group_by", "must be one of " + AnalyticsGrouping.wireNames()));
            }
        }
        if (!errors.isEmpty()) {
            return Result.err(new Failure.Invalid(errors));
        }
        LocalDate end = to.orElse(now.atOffset(ZoneOffset.UTC).toLocalDate());
        LocalDate start = from.orElse(end.minusDays(AnalyticsPeriod.DEFAULT_DAYS - 1));
        if (end.isBefore(start)) {
            return Result.err(Failure.Invalid.of("to", "must not be before from (" + start + ")"));
        }
        if (AnalyticsPeriod.days(start, end) > AnalyticsPeriod.MAX_DAYS) {
            return Result.err(Failure.Invalid.of("from", "must be at most " + AnalyticsPeriod.MAX_DAYS
                    + " days before to, both included (" + start + " to " + end + " is "
                    + AnalyticsPeriod.days(start, end) + " days)"));
        }
        return Result.ok(new Checked(new AnalyticsPeriod(start, end), grouping));
    }

    private static Optional<LocalDate> date(Optional<String> text, String field, List<Failure.FieldError> errors) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.get().trim()));
        } catch (DateTimeParseException e) {
            errors.add(new Failure.FieldError(field, "must be a date, YYYY-MM-DD (UTC), not '" + text.get() + "'"));
            return Optional.empty();
        }
    }
}
