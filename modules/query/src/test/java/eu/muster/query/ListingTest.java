package eu.muster.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import eu.muster.contract.IncidentStatus;
import eu.muster.contract.MemberStateIncident;
import eu.muster.contract.MemberStateRelation;
import eu.muster.coordination.GroupViews;
import eu.muster.gateway.Problem;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant AS_OF = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void aPageHoldsTheItemsFromItsOffsetAndLinksTheNextWithTheSameFilters() {
        Listing listing = Listing.of(URI.create("/v1/incidents?status=ACTIVE&limit=2&offset=2"), Set.of("status"));
        assertThat(listing.enums("status", IncidentStatus.class)).containsExactly(IncidentStatus.ACTIVE);

        ObjectNode page = listing.page(MAPPER, List.of("a", "b", "c", "d", "e"), TextNode::new, AS_OF);

        assertThat(page.get("items").findValuesAsText("")).isEmpty();
        assertThat(page.get("items").toString()).isEqualTo("[\"c\",\"d\"]");
        assertThat(page.get("total").asInt()).isEqualTo(5);
        assertThat(page.get("next").asText()).isEqualTo("/v1/incidents?status=ACTIVE&limit=2&offset=4");
        assertThat(page.get("asOf").asText()).isEqualTo("2026-11-24T12:00:00Z");
        assertThat(Listing.of(URI.create("/v1/incidents?offset=4&limit=2"), Set.of()).page(MAPPER, List.of("a", "b", "c", "d", "e"),
                TextNode::new, AS_OF).get("next").isNull()).as("the last page links nothing").isTrue();
    }

    @Test
    void everyUnknownParameterAndBadValueIsNamedInOne400() {
        Listing listing = Listing.of(URI.create("/v1/incidents?stauts=x&status=SHUT&limit=0&sort=size"), Set.of("status"));
        listing.enums("status", IncidentStatus.class);
        listing.sort(Map.of("incidentId", Comparator.<String>naturalOrder()), "incidentId");

        assertThatThrownBy(() -> listing.page(MAPPER, List.of("a"), TextNode::new, AS_OF))
                .isInstanceOfSatisfying(Problem.Raised.class, raised -> {
                    assertThat(raised.problem().status()).isEqualTo(400);
                    assertThat(raised.problem().violations()).extracting(v -> v.path()).containsExactly("stauts", "limit", "status", "sort");
                });
    }

    @Test
    void aLeadingMinusReversesTheOrder() {
        Listing listing = Listing.of(URI.create("/v1/x?sort=-name"), Set.of());
        Comparator<String> order = listing.sort(Map.of("name", Comparator.<String>naturalOrder()), "name");
        assertThat(List.of("a", "c", "b").stream().sorted(order).toList()).containsExactly("c", "b", "a");
    }

    @Test
    void aGroupsEntriesArePagedNewestFirstAsTheViewsListThemUnlessSortedOtherwise() {
        MemberStateIncident older = incident("b", Instant.parse("2026-11-20T08:00:00Z"));
        MemberStateIncident newer = incident("c", Instant.parse("2026-11-21T08:00:00Z"));
        MemberStateIncident sameInstant = incident("a", Instant.parse("2026-11-21T08:00:00Z"));
        MemberStateIncident undated = incident("0", null);
        List<MemberStateIncident> entries = List.of(older, undated, newer, sameInstant);
        Map<String, Comparator<MemberStateIncident>> orders = QueryApi.entryOrders("requestedAt", GroupViews.MEMBER_STATE);

        Comparator<MemberStateIncident> byDefault = Listing.of(URI.create("/v1/member-states/DE/incidents"), Set.of()).sort(orders, "-requestedAt");
        assertThat(entries.stream().sorted(byDefault).toList()).containsExactly(sameInstant, newer, older, undated)
                .isEqualTo(entries.stream().sorted(GroupViews.newestFirst(GroupViews.MEMBER_STATE)).toList());
        Comparator<MemberStateIncident> oldestFirst = Listing.of(URI.create("/v1/member-states/DE/incidents?sort=requestedAt"), Set.of())
                .sort(orders, "-requestedAt");
        assertThat(entries.stream().sorted(oldestFirst).toList()).containsExactly(undated, older, newer, sameInstant);
        Comparator<MemberStateIncident> byId = Listing.of(URI.create("/v1/member-states/DE/incidents?sort=incidentId"), Set.of())
                .sort(orders, "-requestedAt");
        assertThat(entries.stream().sorted(byId).toList()).containsExactly(undated, sameInstant, older, newer);
    }

    @Test
    void aGatheredPageIsTheSortedListsPageWhateverOrderTheItemsCameIn() {
        List<Integer> items = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, 1_000).boxed().toList());
        java.util.Collections.shuffle(items, new java.util.Random(7));
        Listing listing = Listing.of(URI.create("/v1/incidents?sort=-n&limit=3&offset=10"), Set.of());
        Comparator<Integer> order = listing.sort(Map.of("n", Comparator.<Integer>naturalOrder()), "n");

        Listing.Gathered<Integer> gathered = listing.gather(order);
        items.forEach(gathered);
        ObjectNode page = listing.page(MAPPER, gathered, n -> MAPPER.getNodeFactory().numberNode(n), AS_OF);

        assertThat(page.get("items").toString()).isEqualTo("[989,988,987]")
                .isEqualTo(listing.page(MAPPER, items.stream().sorted(order).toList(), n -> MAPPER.getNodeFactory().numberNode(n), AS_OF)
                        .get("items").toString());
        assertThat(page.get("total").asLong()).isEqualTo(1_000);
        assertThat(page.get("next").asText()).isEqualTo("/v1/incidents?sort=-n&limit=3&offset=13");
        assertThat(gathered.first()).as("only the page and what precedes it is held").hasSize(13);
    }

    @Test
    void aGatheredPageBeyondTheEndIsEmptyAndLinksNothing() {
        Listing listing = Listing.of(URI.create("/v1/incidents?limit=5&offset=8"), Set.of());
        Listing.Gathered<String> gathered = listing.gather(Comparator.<String>naturalOrder());
        List.of("b", "a", "c").forEach(gathered);

        ObjectNode page = listing.page(MAPPER, gathered, TextNode::new, AS_OF);

        assertThat(page.get("items").size()).isZero();
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("next").isNull()).isTrue();
    }

    @Test
    void anOffsetDeeperThanTheHeapCanHoldIsRefused() {
        assertThat(Listing.of(URI.create("/v1/incidents?offset=" + Listing.MAX_OFFSET), Set.of()).page(MAPPER, List.of("a"), TextNode::new,
                AS_OF).get("offset").asInt()).isEqualTo(Listing.MAX_OFFSET);
        Listing tooDeep = Listing.of(URI.create("/v1/incidents?offset=" + (Listing.MAX_OFFSET + 1)), Set.of());
        assertThatThrownBy(() -> tooDeep.page(MAPPER, List.of("a"), TextNode::new, AS_OF))
                .isInstanceOfSatisfying(Problem.Raised.class, raised -> {
                    assertThat(raised.problem().status()).isEqualTo(400);
                    assertThat(raised.problem().violations()).singleElement().satisfies(violation -> {
                        assertThat(violation.path()).isEqualTo("offset");
                        assertThat(violation.expected()).isEqualTo("a whole number from 0 to 10000");
                    });
                });
    }

    private static MemberStateIncident incident(String incidentId, Instant requestedAt) {
        return MemberStateIncident.newBuilder().setIncidentId(incidentId).setRelations(List.of(MemberStateRelation.REQUESTING))
                .setStatus(IncidentStatus.REQUESTED).setOpenItems(List.of()).setRequestedAt(requestedAt).build();
    }
}
