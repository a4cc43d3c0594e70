package eu.muster.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.muster.gateway.Problem;
import eu.muster.json.Violation;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A list request's parameters and the page it answers with. Unknown parameters and bad values are
 * refused with a 400 naming each, so that a typo in a filter never reads as "nothing matches".
 */
final class Listing {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    /**
     * The deepest page start: a page is gathered by keeping the first offset + limit items of a list
     * that may run to a million incidents, so the offset bounds what one request holds in the heap.
     * Deeper than this, a filter or the reverse sort reaches the items sooner.
     */
    static final int MAX_OFFSET = 10_000;

    private final String path;
    private final Map<String, String> parameters;
    private final List<Violation> violations = new ArrayList<>();
    private int limit;
    private int offset;

    private Listing(String path, Map<String, String> parameters) {
        this.path = path;
        this.parameters = parameters;
    }

    /** The parameters of {@code uri}; {@code allowed} are the filters this list knows besides limit, offset and sort. */
    static Listing of(URI uri, Set<String> allowed) {
        Map<String, String> parameters = new LinkedHashMap<>();
        List<Violation> unknown = new ArrayList<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                if (!allowed.contains(name) && !Set.of("limit", "offset", "sort").contains(name)) {
                    unknown.add(new Violation(name, "one of " + new java.util.TreeSet<>(allowed) + ", limit, offset, sort", "unknown parameter"));
                } else if (!value.isEmpty()) {
                    parameters.put(name, value);
                }
            }
        }
        Listing listing = new Listing(uri.getPath(), parameters);
        listing.violations.addAll(unknown);
        // Checked now, so that a bad page size is refused with the other parameters and before any store is read.
        listing.limit = listing.number("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        listing.offset = listing.number("offset", 0, 0, MAX_OFFSET);
        return listing;
    }

    /** A filter's comma-separated values, each an enum constant of {@code type}; empty when not given. */
    <E extends Enum<E>> Set<E> enums(String name, Class<E> type) {
        String value = parameters.get(name);
        if (value == null) {
            return Set.of();
        }
        Set<E> values = new java.util.LinkedHashSet<>();
        for (String part : value.split(",")) {
            try {
                values.add(Enum.valueOf(type, part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(name, "one or more of " + Arrays.toString(type.getEnumConstants()), part));
            }
        }
        return values;
    }

    /** A filter's value; empty when not given. */
    Optional<String> text(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** A true/false filter; empty when not given. */
    Optional<Boolean> bool(String name) {
        String value = parameters.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.equals("true") && !value.equals("false")) {
            violations.add(new Violation(name, "true or false", value));
            return Optional.empty();
        }
        return Optional.of(Boolean.parseBoolean(value));
    }

    /** The sort order: one of {@code orders} by name (a leading '-' reverses it); {@code fallback} when not given. */
    <T> Comparator<T> sort(Map<String, Comparator<T>> orders, String fallback) {
        String requested = parameters.getOrDefault("sort", fallback);
        boolean descending = requested.startsWith("-");
        Comparator<T> order = orders.get(descending ? requested.substring(1) : requested);
        if (order == null) {
            violations.add(new Violation("sort", "one of " + orders.keySet() + ", optionally with a leading '-'", requested));
            return orders.get(fallback.startsWith("-") ? fallback.substring(1) : fallback);
        }
        return descending ? order.reversed() : order;
    }

    /**
     * Gathers this request's page from items that stream past once, in any order: it counts every item
     * and keeps only the first offset + limit in {@code order}. {@code order} must break every tie, or
     * which of two equal items makes the page would depend on the order they came in.
     */
    <T> Gathered<T> gather(Comparator<T> order) {
        return new Gathered<>(order, offset + limit);
    }

    /** The page of {@code items}, in their order, as JSON; any bad parameter seen so far is refused here with a 400. */
    <T> ObjectNode page(ObjectMapper mapper, List<T> items, Function<T, JsonNode> render, Instant asOf) {
        refuseViolations();
        return answer(mapper, items.size(), items.stream().skip(offset).limit(limit).toList(), render, asOf);
    }

    /** The page {@code gathered}, as JSON; any bad parameter seen so far is refused here with a 400. */
    <T> ObjectNode page(ObjectMapper mapper, Gathered<T> gathered, Function<T, JsonNode> render, Instant asOf) {
        refuseViolations();
        return answer(mapper, gathered.total(), gathered.first().stream().skip(offset).toList(), render, asOf);
    }

    private <T> ObjectNode answer(ObjectMapper mapper, long total, List<T> window, Function<T, JsonNode> render, Instant asOf) {
        ObjectNode page = mapper.createObjectNode();
        page.put("asOf", asOf.toString());
        page.put("total", total);
        page.put("offset", offset);
        page.put("limit", limit);
        if ((long) offset + limit < total) {
            Map<String, String> next = new LinkedHashMap<>(parameters);
            next.put("offset", Integer.toString(offset + limit));
            next.put("limit", Integer.toString(limit));
            page.put("next", path + "?" + next.entrySet().stream()
                    .map(e -> PeerClient.segment(e.getKey()) + "=" + PeerClient.segment(e.getValue())).collect(Collectors.joining("&")));
        } else {
            page.putNull("next");
        }
        var array = page.putArray("items");
        window.stream().map(render).forEach(array::add);
        return page;
    }

    /** The first items of a list in its order, and how many the list held: what a page needs of a list too long to keep. */
    static final class Gathered<T> implements Consumer<T> {

        private final Comparator<T> order;
        private final int keep;
        /** The kept items, the last in order on top, so that it is the one a better item replaces. */
        private final PriorityQueue<T> kept;
        private long total;

        private Gathered(Comparator<T> order, int keep) {
            this.order = order;
            this.keep = keep;
            this.kept = new PriorityQueue<>(Math.min(keep, 1024) + 1, order.reversed());
        }

        @Override
        public void accept(T item) {
            total++;
            if (kept.size() < keep) {
                kept.add(item);
            } else if (order.compare(item, kept.peek()) < 0) {
                kept.poll();
                kept.add(item);
            }
        }

        /** The items seen so far. */
        long total() {
            return total;
        }

        /** The kept items, in order. */
        List<T> first() {
            List<T> first = new ArrayList<>(kept);
            first.sort(order);
            return first;
        }
    }

    /** Refuses the request with a 400 if any parameter was bad. */
    void refuseViolations() {
        if (!violations.isEmpty()) {
            throw new Problem.Raised(new Problem(400, "invalid-parameter", "Bad query parameters",
                    violations.size() + " query parameter(s) are not understood", violations));
        }
    }

    private int number(String name, int fallback, int min, int max) {
        String value = parameters.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range expected
        }
        violations.add(new Violation(name, "a whole number from " + min + " to " + max, value));
        return fallback;
    }
}
