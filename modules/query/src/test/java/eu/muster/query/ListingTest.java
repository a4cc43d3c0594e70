package eu.muster.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import eu.muster.contract.IncidentStatus;
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
}
