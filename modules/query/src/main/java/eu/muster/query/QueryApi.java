package eu.muster.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import eu.muster.contract.ClassificationChange;
import eu.muster.contract.Classification;
import eu.muster.contract.CoordinationView;
import eu.muster.contract.EngagementRecord;
import eu.muster.contract.GroupEntry;
import eu.muster.contract.IncidentStatus;
import eu.muster.contract.LessonRecord;
import eu.muster.contract.LessonsView;
import eu.muster.contract.MemberStateIncident;
import eu.muster.contract.MemberStateView;
import eu.muster.contract.MsspScorecard;
import eu.muster.contract.Phase;
import eu.muster.contract.ReviewState;
import eu.muster.contract.ReviewView;
import eu.muster.contract.SlaBreach;
import eu.muster.contract.SlaClock;
import eu.muster.contract.SlaClockKind;
import eu.muster.contract.SlaClockState;
import eu.muster.contract.SlaView;
import eu.muster.coordination.GroupFold;
import eu.muster.coordination.GroupViews;
import eu.muster.gateway.Authenticator;
import eu.muster.gateway.Caller;
import eu.muster.gateway.Problem;
import eu.muster.gateway.Reply;
import eu.muster.json.JsonContract;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API: the views as dashboards read them, through {@link StoreRouter} (any instance answers
 * for any key) and {@link Sharing} (a caller sees only what its organisation may).
 * docs/dashboards.md documents each resource; lists filter, sort and page, and refuse unknown parameters.
 */
final class QueryApi implements HttpHandler {

    /** The resources' roots, each mounted on the HTTPS server; everything below a root is the query API's too. */
    static final List<String> ROOTS = List.of("/v1/me", "/v1/incidents", "/v1/clocks", "/v1/breaches", "/v1/member-states", "/v1/reviews",
            "/v1/scorecards", "/v1/lessons");

    private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);
    private static final String JSON = "application/json";
    private static final Pattern INCIDENT = Pattern.compile("/v1/incidents/([^/]+)");
    private static final Pattern MEMBER_STATE = Pattern.compile("/v1/member-states/([^/]+)");
    private static final Pattern MEMBER_STATE_INCIDENTS = Pattern.compile("/v1/member-states/([^/]+)/incidents");
    private static final Pattern SCORECARD = Pattern.compile("/v1/scorecards/([^/]+)");
    private static final Pattern SCORECARD_ENGAGEMENTS = Pattern.compile("/v1/scorecards/([^/]+)/engagements");
    private static final Pattern LESSONS = Pattern.compile("/v1/lessons/([^/]+)");
    private static final Pattern LESSONS_REVIEWS = Pattern.compile("/v1/lessons/([^/]+)/reviews");
    private static final Pattern MEMBER_STATE_CODE = Pattern.compile("[A-Z]{2}");
    private static final Set<SlaClockState> OPEN = EnumSet.of(SlaClockState.RUNNING, SlaClockState.AT_RISK, SlaClockState.BREACHED);
    private static final Set<ReviewState> BACKLOG = EnumSet.of(ReviewState.DUE, ReviewState.OVERDUE);

    private final StoreRouter router;
    private final Authenticator authenticator;
    private final Clock clock;
    private final JsonContract json = JsonContract.create();
    private final ObjectMapper mapper = new ObjectMapper();

    QueryApi(StoreRouter router, Authenticator authenticator, Clock clock) {
        this.router = router;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            try {
                if (!exchange.getRequestMethod().equals("GET")) {
                    exchange.getResponseHeaders().set("Allow", "GET");
                    throw new Problem.Raised(Problem.of(405, "method-not-allowed", "Method not allowed",
                            exchange.getRequestMethod() + " is not allowed on " + path + "; the views are read with GET"));
                }
                Caller caller = authenticator.authenticate(exchange);
                Reply.bytes(exchange, 200, JSON, mapper.writeValueAsBytes(answer(exchange, caller, path)), 0);
            } catch (Problem.Raised raised) {
                Reply.problem(exchange, raised.problem(), mapper, 0);
            } catch (RuntimeException e) {
                LOG.error("query {} failed", exchange.getRequestURI(), e);
                Reply.problem(exchange, Problem.of(500, "internal-error", "Internal error", "the query failed; see the log"), mapper, 0);
            }
        }
    }

    private JsonNode answer(HttpExchange exchange, Caller caller, String path) {
        Instant asOf = clock.instant();
        Matcher matcher;
        switch (path) {
            case "/v1/me":
                return me(caller);
            case "/v1/incidents":
                return incidents(exchange, caller, asOf);
            case "/v1/clocks":
                return clocks(exchange, caller, asOf);
            case "/v1/breaches":
                return breaches(exchange, caller, asOf);
            case "/v1/member-states":
                return memberStates(exchange, caller, asOf);
            case "/v1/reviews":
                return reviews(exchange, caller, asOf);
            case "/v1/scorecards":
                return scorecards(exchange, caller, asOf);
            case "/v1/lessons":
                return lessons(exchange, caller, asOf);
            default:
                break;
        }
        if ((matcher = INCIDENT.matcher(path)).matches()) {
            return incident(caller, decode(matcher.group(1)), asOf);
        }
        if ((matcher = MEMBER_STATE.matcher(path)).matches()) {
            return memberState(caller, decode(matcher.group(1)), asOf);
        }
        if ((matcher = MEMBER_STATE_INCIDENTS.matcher(path)).matches()) {
            return memberStateIncidents(exchange, caller, decode(matcher.group(1)), asOf);
        }
        if ((matcher = SCORECARD.matcher(path)).matches()) {
            return scorecard(caller, decode(matcher.group(1)), asOf);
        }
        if ((matcher = SCORECARD_ENGAGEMENTS.matcher(path)).matches()) {
            return engagements(exchange, caller, decode(matcher.group(1)), asOf);
        }
        if ((matcher = LESSONS.matcher(path)).matches()) {
            return lessonsGroup(caller, decode(matcher.group(1)), asOf);
        }
        if ((matcher = LESSONS_REVIEWS.matcher(path)).matches()) {
            return lessonReviews(exchange, caller, decode(matcher.group(1)), asOf);
        }
        throw new Problem.Raised(Problem.of(404, "not-found", "No such resource", "no resource at " + path + "; see GET /openapi.json"));
    }

    private JsonNode me(Caller caller) {
        ObjectNode me = mapper.createObjectNode();
        me.put("organisationId", caller.id());
        me.put("role", caller.asOrganisation().map(o -> o.getRole().name()).orElse("AUDITOR"));
        me.put("memberState", caller.asOrganisation().map(o -> o.getMemberState()).orElse(null));
        me.put("auditor", caller.auditor());
        return me;
    }

    private JsonNode incident(Caller caller, String incidentId, Instant asOf) {
        CoordinationView coordination = router.<CoordinationView>get(ViewStore.COORDINATION, incidentId)
                .filter(view -> Sharing.mayRead(caller, view))
                // Not 403: whether an incident one may not read exists is itself not to be shared.
                .orElseThrow(() -> notFound("no incident '" + incidentId + "' that you may read"));
        ObjectNode answer = mapper.createObjectNode();
        answer.put("asOf", asOf.toString());
        answer.put("incidentId", incidentId);
        answer.put("tlp", coordination.getTlp().name());
        answer.set("coordination", json.write(coordination));
        answer.set("sla", router.<SlaView>get(ViewStore.SLA, incidentId).<JsonNode>map(json::write).orElse(mapper.nullNode()));
        answer.set("review", router.<ReviewView>get(ViewStore.REVIEW, incidentId).<JsonNode>map(json::write).orElse(mapper.nullNode()));
        return answer;
    }

    private JsonNode incidents(HttpExchange exchange, Caller caller, Instant asOf) {
        Listing listing = Listing.of(exchange.getRequestURI(), Set.of("status", "memberState", "phase", "classification", "crossBorder", "msspId"));
        Set<IncidentStatus> status = listing.enums("status", IncidentStatus.class);
        Set<Phase> phase = listing.enums("phase", Phase.class);
        Set<Classification> classification = listing.enums("classification", Classification.class);
        Optional<String> memberState = listing.text("memberState");
        Optional<String> msspId = listing.text("msspId");
        Optional<Boolean> crossBorder = listing.bool("crossBorder");
        Map<String, Comparator<CoordinationView>> orders = new LinkedHashMap<>();
        orders.put("requestedAt", Comparator.comparing(QueryApi::requestedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(CoordinationView::getIncidentId));
        orders.put("incidentId", Comparator.comparing(CoordinationView::getIncidentId));
        Comparator<CoordinationView> order = listing.sort(orders, "-requestedAt");
        listing.refuseViolations();
        Listing.Gathered<CoordinationView> visible = listing.gather(order);
        router.<CoordinationView>forEach(ViewStore.COORDINATION, (incidentId, view) -> {
            if (Sharing.mayRead(caller, view)
                    && (status.isEmpty() || status.contains(view.getStatus()))
                    && (phase.isEmpty() || phase.contains(view.getPhase()))
                    && (classification.isEmpty() || classification.contains(view.getClassification()))
                    && (memberState.isEmpty() || involves(view, memberState.get()))
                    && (msspId.isEmpty() || msspId.get().equals(view.getMsspId()))
                    && (crossBorder.isEmpty() || crossBorder.get() == view.getCrossBorder())) {
                visible.accept(view);
            }
        });
        return listing.page(mapper, visible, json::write, asOf);
    }

    private JsonNode clocks(HttpExchange exchange, Caller caller, Instant asOf) {
        Listing listing = Listing.of(exchange.getRequestURI(), Set.of("state", "clock", "msspId", "memberState"));
        Set<SlaClockState> states = listing.enums("state", SlaClockState.class);
        Set<SlaClockKind> kinds = listing.enums("clock", SlaClockKind.class);
        Optional<String> msspId = listing.text("msspId");
        Optional<String> memberState = listing.text("memberState");
        Map<String, Comparator<ClockEntry>> orders = new LinkedHashMap<>();
        orders.put("deadline", Comparator.comparing((ClockEntry entry) -> entry.clock().getDeadline()).thenComparing(ClockEntry::incidentId)
                .thenComparing(entry -> entry.clock().getKind()).thenComparing(entry -> entry.clock().getCycle()));
        Comparator<ClockEntry> order = listing.sort(orders, "deadline");
        listing.refuseViolations();
        Set<SlaClockState> wanted = states.isEmpty() ? OPEN : states;
        Listing.Gathered<ClockEntry> entries = listing.gather(order);
        router.<SlaView>forEach(ViewStore.SLA, (incidentId, view) -> {
            if ((msspId.isEmpty() || msspId.get().equals(view.getMsspId()))
                    && (memberState.isEmpty() || memberState.get().equals(view.getRequestingMemberState()))) {
                List<SlaClock> clocks = view.getClocks().stream().filter(c -> wanted.contains(c.getState()))
                        .filter(c -> kinds.isEmpty() || kinds.contains(c.getKind())).toList();
                // Only an incident with a clock to list is looked up: most clocks of a long history are stopped.
                if (!clocks.isEmpty()) {
                    readable(caller, view.getIncidentId())
                            .ifPresent(coordination -> clocks.forEach(c -> entries.accept(new ClockEntry(view, coordination, c))));
                }
            }
        });
        return listing.page(mapper, entries, entry -> {
            ObjectNode item = mapper.createObjectNode();
            item.put("incidentId", entry.incidentId());
            marked(item, entry.coordination());
            item.put("requestingMemberState", entry.view().getRequestingMemberState());
            item.put("msspId", entry.view().getMsspId());
            item.set("clock", json.write(entry.clock()));
            return item;
        }, asOf);
    }

    /** An item of a list, with the incident that lets the caller read it. */
    private record Shown<T>(T item, CoordinationView coordination) {
    }

    private record ClockEntry(SlaView view, CoordinationView coordination, SlaClock clock) {
        String incidentId() {
            return view.getIncidentId();
        }
    }

    private JsonNode breaches(HttpExchange exchange, Caller caller, Instant asOf) {
        Listing listing = Listing.of(exchange.getRequestURI(), Set.of("clock", "msspId", "memberState"));
        Set<SlaClockKind> kinds = listing.enums("clock", SlaClockKind.class);
        Optional<String> msspId = listing.text("msspId");
        Optional<String> memberState = listing.text("memberState");
        Map<String, Comparator<SlaBreach>> orders = new LinkedHashMap<>();
        orders.put("deadline", Comparator.comparing((SlaBreach breach) -> breach.getClock().getDeadline()).thenComparing(SlaBreach::getIncidentId)
                .thenComparing(breach -> breach.getClock().getKind()).thenComparing(breach -> breach.getClock().getCycle()));
        Comparator<SlaBreach> order = listing.sort(orders, "deadline");
        listing.refuseViolations();
        Listing.Gathered<Shown<SlaBreach>> visible = listing.gather(Comparator.comparing(Shown::item, order));
        router.<SlaBreach>forEach(ViewStore.OPEN_BREACHES, (key, breach) -> {
            if ((kinds.isEmpty() || kinds.contains(breach.getClock().getKind()))
                    && (msspId.isEmpty() || msspId.get().equals(breach.getMsspId()))
                    && (memberState.isEmpty() || memberState.get().equals(breach.getRequestingMemberState()))) {
                readable(caller, breach.getIncidentId()).ifPresent(coordination -> visible.accept(new Shown<>(breach, coordination)));
            }
        });
        return listing.page(mapper, visible, breach -> marked(json.write(breach.item()), breach.coordination()), asOf);
    }

    private JsonNode reviews(HttpExchange exchange, Caller caller, Instant asOf) {
        Listing listing = Listing.of(exchange.getRequestURI(), Set.of("state", "msspId"));
        Set<ReviewState> states = listing.enums("state", ReviewState.class);
        Optional<String> msspId = listing.text("msspId");
        Map<String, Comparator<ReviewView>> orders = new LinkedHashMap<>();
        orders.put("dueBy", Comparator.comparing(ReviewView::getDueBy, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(ReviewView::getIncidentId));
        Comparator<ReviewView> order = listing.sort(orders, "dueBy");
        listing.refuseViolations();
        Set<ReviewState> wanted = states.isEmpty() ? BACKLOG : states;
        Listing.Gathered<Shown<ReviewView>> visible = listing.gather(Comparator.comparing(Shown::item, order));
        router.<ReviewView>forEach(ViewStore.REVIEW, (incidentId, review) -> {
            if (wanted.contains(review.getState()) && (msspId.isEmpty() || msspId.get().equals(review.getMsspId()))) {
                readable(caller, review.getIncidentId()).ifPresent(coordination -> visible.accept(new Shown<>(review, coordination)));
            }
        });
        return listing.page(mapper, visible, review -> marked(json.write(review.item()), review.coordination()), asOf);
    }

    private JsonNode memberStates(HttpExchange exchange, Caller caller, Instant asOf) {
        Listing listing = Listing.of(exchange.getRequestURI(), Set.of());
        Map<String, Comparator<ObjectNode>> orders = Map.of("memberState", Comparator.comparing(row -> row.get("memberState").asText()));
        Comparator<ObjectNode> order = listing.sort(orders, "memberState");
        listing.refuseViolations();
        List<ObjectNode> rows = new ArrayList<>();
        for (MemberStateView view : visibleMemberStates(caller, router.scan(ViewStore.MEMBER_STATE))) {
            if (view.getIncidentCount() > 0) {
                rows.add(row(view));
            }
        }
        rows.sort(order);
        return listing.page(mapper, rows, row -> row, asOf);
    }

    /** A member state's row: its view's counts (the view counts over what the caller may read). */
    private ObjectNode row(MemberStateView view) {
        ObjectNode row = mapper.createObjectNode();
        row.put("memberState", view.getMemberState());
        row.put("incidents", view.getIncidentCount());
        row.put("requesting", view.getRequesting());
        row.put("affected", view.getAffected());
        row.put("assisting", view.getAssisting());
        row.put("openItems", view.getOpenItems());
        row.put("open", view.getOpen());
        return row;
    }

    /**
     * Each member state's overview as the caller may see it: as stored for an auditor, who reads every incident; for anyone
     * else, counted and listed over the incidents it may read, from every entry of the member state (the stored list holds
     * only the newest).
     */
    private List<MemberStateView> visibleMemberStates(Caller caller, List<MemberStateView> views) {
        if (caller.auditor()) {
            return views.stream().map(this::counted).toList();
        }
        Map<String, List<MemberStateIncident>> entries = entries(ViewStore.MEMBER_STATE_ENTRIES,
                views.stream().map(MemberStateView::getMemberState).toList(), MemberStateIncident.class);
        Readable<MemberStateIncident> readable = readableEntries(caller, entries, GroupViews.MEMBER_STATE);
        return readable.byGroup().entrySet().stream().map(group -> GroupViews.memberState(group.getKey(), group.getValue())).toList();
    }

    /** The stored overview, or one counted from its entries when it was written before contract version 6 and counts nothing. */
    private MemberStateView counted(MemberStateView view) {
        if (GroupViews.MEMBER_STATE.size(view) > 0 || view.getIncidents().isEmpty()) {
            return view;
        }
        String code = view.getMemberState();
        return GroupViews.memberState(code, entries(ViewStore.MEMBER_STATE_ENTRIES, List.of(code), MemberStateIncident.class).get(code));
    }

    private JsonNode memberState(Caller caller, String code, Instant asOf) {
        requireMemberState(code);
        MemberStateView view;
        Function<String, Optional<CoordinationView>> coordination;
        if (caller.auditor()) {
            view = router.<MemberStateView>get(ViewStore.MEMBER_STATE, code).map(this::counted)
                    .orElseGet(() -> GroupViews.memberState(code, List.of()));
            coordination = incidentId -> router.get(ViewStore.COORDINATION, incidentId);
        } else {
            Readable<MemberStateIncident> readable = readableEntries(caller,
                    entries(ViewStore.MEMBER_STATE_ENTRIES, List.of(code), MemberStateIncident.class), GroupViews.MEMBER_STATE);
            view = GroupViews.memberState(code, readable.of(code));
            coordination = readable::coordinationOf;
        }
        ObjectNode answer = json.write(view);
        for (JsonNode incident : answer.withArray("incidents")) {
            coordination.apply(incident.get("incidentId").asText()).ifPresent(known -> marked((ObjectNode) incident, known));
        }
        return withAsOf(answer, asOf);
    }

    /** Every incident of a member state the caller may read, a page at a time: the overview lists only the newest. */
    private JsonNode memberStateIncidents(HttpExchange exchange, Caller caller, String code, Instant asOf) {
        requireMemberState(code);
        Listing listing = Listing.of(exchange.getRequestURI(), Set.of("status"));
        Set<IncidentStatus> status = listing.enums("status", IncidentStatus.class);
        Comparator<MemberStateIncident> order = listing.sort(entryOrders("requestedAt", GroupViews.MEMBER_STATE), "-requestedAt");
        listing.refuseViolations();
        Map<String, List<MemberStateIncident>> entries = entries(ViewStore.MEMBER_STATE_ENTRIES, List.of(code), MemberStateIncident.class);
        List<MemberStateIncident> incidents;
        Function<String, Optional<CoordinationView>> coordination;
        if (caller.auditor()) {
            incidents = entries.get(code);
            // Only the page's incidents are marked: an auditor's page reads no coordination view of the others.
            coordination = incidentId -> router.get(ViewStore.COORDINATION, incidentId);
        } else {
            Readable<MemberStateIncident> readable = readableEntries(caller, entries, GroupViews.MEMBER_STATE);
            incidents = readable.of(code);
            coordination = readable::coordinationOf;
        }
        List<MemberStateIncident> visible = incidents.stream().filter(incident -> status.isEmpty() || status.contains(incident.getStatus()))
                .sorted(order).toList();
        return listing.page(mapper, visible, incident -> {
            ObjectNode item = json.write(incident);
            coordination.apply(incident.getIncidentId()).ifPresent(known -> marked(item, known));
            return item;
        }, asOf);
    }

    private JsonNode scorecards(HttpExchange exchange, Caller caller, Instant asOf) {
        Listing listing = Listing.of(exchange.getRequestURI(), Set.of());
        Comparator<MsspScorecard> order = listing.sort(Map.of("msspId", Comparator.comparing(MsspScorecard::getMsspId)), "msspId");
        listing.refuseViolations();
        List<MsspScorecard> readable = router.<MsspScorecard>scan(ViewStore.SCORECARD).stream()
                .filter(card -> Sharing.mayReadScorecard(caller, card.getMsspId())).toList();
        List<MsspScorecard> visible = new ArrayList<>(visibleEngagements(caller, readable));
        visible.sort(order);
        return listing.page(mapper, visible, json::write, asOf);
    }

    private JsonNode scorecard(Caller caller, String msspId, Instant asOf) {
        Optional<MsspScorecard> scorecard = Sharing.mayReadScorecard(caller, msspId)
                ? router.<MsspScorecard>get(ViewStore.SCORECARD, msspId).map(card -> visibleEngagements(caller, List.of(card)).get(0))
                : Optional.empty();
        return withAsOf(json.write(scorecard.orElseThrow(() -> noScorecard(msspId))), asOf);
    }

    /** Every engagement of a provider that the caller sees, a page at a time: the scorecard lists only the newest. */
    private JsonNode engagements(HttpExchange exchange, Caller caller, String msspId, Instant asOf) {
        Listing listing = Listing.of(exchange.getRequestURI(), Set.of());
        Comparator<EngagementRecord> order = listing.sort(entryOrders("matchedAt", GroupViews.SCORECARD), "-matchedAt");
        listing.refuseViolations();
        if (!Sharing.mayReadScorecard(caller, msspId)) {
            throw noScorecard(msspId);
        }
        Map<String, List<EngagementRecord>> entries = entries(ViewStore.SCORECARD_ENTRIES, List.of(msspId), EngagementRecord.class);
        if (entries.get(msspId).isEmpty()) {
            // A provider with no engagement has no scorecard: the same answer as the scorecard's.
            throw noScorecard(msspId);
        }
        List<EngagementRecord> visible = Sharing.seesEveryEngagement(caller, msspId) ? entries.get(msspId)
                : readableEntries(caller, entries, GroupViews.SCORECARD).of(msspId);
        return listing.page(mapper, visible.stream().sorted(order).toList(), json::write, asOf);
    }

    private JsonNode lessons(HttpExchange exchange, Caller caller, Instant asOf) {
        Listing listing = Listing.of(exchange.getRequestURI(), Set.of());
        Comparator<LessonsView> order = listing.sort(Map.of("group", Comparator.comparing(LessonsView::getGroup)), "group");
        listing.refuseViolations();
        List<LessonsView> visible = new ArrayList<>(visibleLessons(caller, router.scan(ViewStore.LESSONS)));
        visible.sort(order);
        return listing.page(mapper, visible, json::write, asOf);
    }

    private JsonNode lessonsGroup(Caller caller, String group, Instant asOf) {
        Optional<LessonsView> lessons = router.<LessonsView>get(ViewStore.LESSONS, group).map(view -> visibleLessons(caller, List.of(view)))
                .flatMap(visible -> visible.stream().findFirst());
        return withAsOf(json.write(lessons.orElseThrow(() -> noLessons(group))), asOf);
    }

    /** Every review in a lessons group that the caller may read, a page at a time: the group's view lists only the newest. */
    private JsonNode lessonReviews(HttpExchange exchange, Caller caller, String group, Instant asOf) {
        Listing listing = Listing.of(exchange.getRequestURI(), Set.of());
        Comparator<LessonRecord> order = listing.sort(entryOrders("filedAt", GroupViews.LESSONS), "-filedAt");
        listing.refuseViolations();
        Map<String, List<LessonRecord>> entries = entries(ViewStore.LESSONS_ENTRIES, List.of(group), LessonRecord.class);
        List<LessonRecord> visible = caller.auditor() ? entries.get(group) : readableEntries(caller, entries, GroupViews.LESSONS).of(group);
        if (visible.isEmpty()) {
            // As for the group itself: a group with nothing the caller may read does not exist for it.
            throw noLessons(group);
        }
        return listing.page(mapper, visible.stream().sorted(order).toList(), json::write, asOf);
    }

    /**
     * The scorecards, each listing its newest engagements of incidents the caller may read unless it sees every engagement (then
     * as stored). The newest are picked from every engagement of the provider: the stored list holds only the newest of all.
     * The counts stay whole either way.
     */
    private List<MsspScorecard> visibleEngagements(Caller caller, List<MsspScorecard> cards) {
        List<String> partly = cards.stream().map(MsspScorecard::getMsspId).filter(msspId -> !Sharing.seesEveryEngagement(caller, msspId)).toList();
        Readable<EngagementRecord> readable = readableEntries(caller, entries(ViewStore.SCORECARD_ENTRIES, partly, EngagementRecord.class),
                GroupViews.SCORECARD);
        return cards.stream().map(card -> !readable.byGroup().containsKey(card.getMsspId()) ? card
                : MsspScorecard.newBuilder(card).setEngagementRecords(newest(readable.of(card.getMsspId()), GroupViews.SCORECARD)).build())
                .toList();
    }

    /**
     * Each lessons group as the caller may see it: as stored for an auditor; for anyone else, summarised and listed over the
     * reviews of incidents it may read, from every review of the group (the stored list holds only the newest); groups left
     * empty are dropped.
     */
    private List<LessonsView> visibleLessons(Caller caller, List<LessonsView> groups) {
        if (caller.auditor()) {
            return groups.stream().map(view -> GroupViews.LESSONS.size(view) > 0 || view.getReviews().isEmpty() ? view
                    // written before contract version 6: it counts nothing, so it is summarised again from its entries
                    : GroupViews.lessons(view.getGroup(), entries(ViewStore.LESSONS_ENTRIES, List.of(view.getGroup()), LessonRecord.class)
                            .get(view.getGroup()))).toList();
        }
        Map<String, List<LessonRecord>> entries = entries(ViewStore.LESSONS_ENTRIES, groups.stream().map(LessonsView::getGroup).toList(),
                LessonRecord.class);
        Readable<LessonRecord> readable = readableEntries(caller, entries, GroupViews.LESSONS);
        return readable.byGroup().entrySet().stream().filter(group -> !group.getValue().isEmpty())
                .map(group -> GroupViews.lessons(group.getKey(), group.getValue())).toList();
    }

    /** Every entry of each of {@code groups} in {@code store}, by group (an empty list for a group with none). */
    private <E> Map<String, List<E>> entries(ViewStore store, List<String> groups, Class<E> type) {
        Map<String, List<E>> entries = new LinkedHashMap<>();
        for (String group : groups) {
            entries.put(group, router.<GroupEntry>group(store, group).stream().map(GroupEntry::getEntry).filter(type::isInstance)
                    .map(type::cast).toList());
        }
        return entries;
    }

    /** Of each group's entries, those of incidents the caller may read; whether it may is decided once per incident for all groups. */
    private <E> Readable<E> readableEntries(Caller caller, Map<String, List<E>> entries, GroupFold<E, ?> fold) {
        Map<String, CoordinationView> readable = readable(caller,
                entries.values().stream().flatMap(List::stream).map(fold::incidentId).distinct().toList());
        Map<String, List<E>> byGroup = new LinkedHashMap<>();
        entries.forEach((group, members) -> byGroup.put(group,
                members.stream().filter(entry -> readable.containsKey(fold.incidentId(entry))).toList()));
        return new Readable<>(byGroup, readable);
    }

    /**
     * Groups' entries the caller may read, and the coordination views that decided it.
     *
     * @param byGroup      the readable entries of each group read
     * @param coordination the coordination views of the readable incidents, by incident id
     */
    private record Readable<E>(Map<String, List<E>> byGroup, Map<String, CoordinationView> coordination) {

        List<E> of(String group) {
            return byGroup.getOrDefault(group, List.of());
        }

        Optional<CoordinationView> coordinationOf(String incidentId) {
            return Optional.ofNullable(coordination.get(incidentId));
        }
    }

    /** The newest {@link GroupViews#LISTED} of {@code entries}, in the views' order. */
    private static <E> List<E> newest(List<E> entries, GroupFold<E, ?> fold) {
        return entries.stream().sorted(GroupViews.newestFirst(fold)).limit(GroupViews.LISTED).toList();
    }

    /**
     * The orders a group's entries are paged in: {@code instant}, the instant the views list by (descending, {@code -instant},
     * is the views' own newest-first order, and ascending its exact reverse), and incidentId.
     */
    static <E> Map<String, Comparator<E>> entryOrders(String instant, GroupFold<E, ?> fold) {
        Map<String, Comparator<E>> orders = new LinkedHashMap<>();
        orders.put(instant, GroupViews.newestFirst(fold).reversed());
        orders.put("incidentId", Comparator.comparing(fold::incidentId));
        return orders;
    }

    private static void requireMemberState(String code) {
        if (!MEMBER_STATE_CODE.matcher(code).matches()) {
            throw new Problem.Raised(new Problem(400, "invalid-parameter", "Not a member state", "member states are ISO 3166-1 alpha-2 codes",
                    List.of(new eu.muster.json.Violation("memberState", "two capital letters, e.g. DE", code))));
        }
    }

    /** The coordination views of {@code incidentIds} that the caller may read, by incident id. */
    /** The incident's coordination view, when the caller may read it. */
    private Optional<CoordinationView> readable(Caller caller, String incidentId) {
        return router.<CoordinationView>get(ViewStore.COORDINATION, incidentId).filter(view -> Sharing.mayRead(caller, view));
    }

    private Map<String, CoordinationView> readable(Caller caller, List<String> incidentIds) {
        Map<String, CoordinationView> readable = new TreeMap<>();
        router.<CoordinationView>getAll(ViewStore.COORDINATION, incidentIds).forEach((id, view) -> {
            if (Sharing.mayRead(caller, view)) {
                readable.put(id, view);
            }
        });
        return readable;
    }

    private static boolean involves(CoordinationView view, String memberState) {
        return memberState.equals(view.getRequestingMemberState()) || view.getAffectedMemberStates().contains(memberState)
                || view.getAssistingMemberStates().contains(memberState);
    }

    private static Instant requestedAt(CoordinationView view) {
        List<ClassificationChange> history = view.getClassificationHistory();
        return history.isEmpty() ? null : history.get(0).getAt();
    }

    /** Adds the incident's title and marking to an incident-bound item. */
    private static ObjectNode marked(ObjectNode item, CoordinationView coordination) {
        item.put("title", coordination.getTitle());
        item.put("tlp", coordination.getTlp().name());
        return item;
    }

    private static ObjectNode withAsOf(ObjectNode answer, Instant asOf) {
        answer.put("asOf", asOf.toString());
        return answer;
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private static Problem.Raised noScorecard(String msspId) {
        return notFound("no scorecard of provider '" + msspId + "' that you may read");
    }

    private static Problem.Raised noLessons(String group) {
        return notFound("no lessons in group '" + group + "' that you may read");
    }

    private static Problem.Raised notFound(String detail) {
        return new Problem.Raised(Problem.of(404, "not-found", "Not found", detail));
    }
}
