package eu.muster.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.SampleEvents;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing the reader with sample envelopes broken at random. Whatever the bytes, reading either
 * refuses with {@link JsonContractException} or returns events that survive writing and reading
 * again unchanged; any other exception, or an event that changes on the second trip, fails.
 */
class MutationPropertyTest {

    private static final JsonContract JSON = JsonContract.create();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<IncidentEvent> SAMPLES = SampleEvents.everyPayloadType();
    private static final String DEEP = "\u0001deep\u0001";
    private static final Pattern OBJECT_START = Pattern.compile("\\{\\s*\"([^\"\\\\]*)\"\\s*:");
    /** Strings that are almost right somewhere in the contract, so mutations reach the domain checks, not only the type checks. */
    private static final List<String> TELLING_STRINGS = List.of("", "DE", "EL", "de", "XX", "AMBER", "RequestFiled", "HEALTH",
            SampleEvents.INCIDENT_ID, SampleEvents.INCIDENT_ID.toUpperCase(java.util.Locale.ROOT), "2026-03-02T08:15:00Z",
            "2026-03-02T08:15:00+01:00", "2026-03-02", "type", "null", "1");

    /** Ways to break a document; a try applies a few of them in a row. */
    enum Mutation {
        DROP_FIELD, RENAME_FIELD, REPLACE_VALUE, REORDER_MEMBERS, DUPLICATE_KEY, DEEP_NESTING, PRETTY_PRINT,
        TRUNCATE, INSERT_BYTES, FLIP_BYTE
    }

    @Property(tries = 4000)
    void aMutatedDocumentReadsAsAStableEventOrIsRefused(
            @ForAll @IntRange(min = 0, max = 16) int sample,
            @ForAll @Size(min = 1, max = 3) List<Mutation> mutations,
            @ForAll boolean asBatch,
            @ForAll Random random) throws Exception {
        byte[] document = mutated(sample, mutations, asBatch, random);

        List<IncidentEvent> events;
        try {
            events = asBatch ? JSON.readEvents(document) : List.of(JSON.readEvent(document));
        } catch (JsonContractException refused) {
            assertThat(refused.violations()).isNotEmpty().hasSizeLessThanOrEqualTo(JsonContractException.MAX_VIOLATIONS);
            Statistics.label("outcome").collect("refused");
            return;
        }
        Statistics.label("outcome").collect("read");
        for (IncidentEvent event : events) {
            // toString, not equals: Avro 1.12's generated equals throws on some records with optional timestamps.
            assertThat(JSON.readEvent(JSON.writeBytes(event)).toString()).isEqualTo(event.toString());
        }
        // Without both outcomes the property would prove little: all refused means the mutations are too crude.
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("read").count(count -> count > 0);
            coverage.check("refused").count(count -> count > 0);
        });
    }

    @Property(tries = 1000)
    void anyInstantOfTimestampMillisAndAnyStringRoundTrip(
            @ForAll @IntRange(min = 0, max = 16) int sample,
            @ForAll long occurredAtMillis,
            @ForAll String producerId) throws Exception {
        IncidentEvent event = SAMPLES.get(sample);
        event.setOccurredAt(Instant.ofEpochMilli(occurredAtMillis));
        event.getProducer().setId(producerId);

        IncidentEvent read = JSON.readEvent(JSON.writeBytes(event));

        assertThat(read.getOccurredAt()).isEqualTo(Instant.ofEpochMilli(occurredAtMillis));
        assertThat(read.toString()).isEqualTo(event.toString());
    }

    private static byte[] mutated(int sample, List<Mutation> mutations, boolean asBatch, Random random) throws JsonProcessingException {
        JsonNode root;
        if (asBatch) {
            ArrayNode batch = NODES.arrayNode();
            int size = 1 + random.nextInt(3);
            for (int i = 0; i < size; i++) {
                batch.add(JSON.write(SAMPLES.get(i == 0 ? sample : random.nextInt(SAMPLES.size()))));
            }
            root = batch;
        } else {
            root = JSON.write(SAMPLES.get(sample));
        }
        Set<Mutation> applied = EnumSet.copyOf(mutations);
        for (Mutation mutation : mutations) {
            mutateTree(root, mutation, random);
        }
        String text = applied.contains(Mutation.PRETTY_PRINT)
                ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root)
                : MAPPER.writeValueAsString(root);
        for (Mutation mutation : mutations) {
            text = mutateText(text, mutation, random);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (Mutation mutation : mutations) {
            bytes = mutateBytes(bytes, mutation, random);
        }
        return bytes;
    }

    private static void mutateTree(JsonNode root, Mutation mutation, Random random) {
        switch (mutation) {
            case DROP_FIELD -> randomObject(root, random).ifPresent(object -> object.remove(randomName(object, random)));
            case RENAME_FIELD -> randomObject(root, random).ifPresent(object -> {
                String name = randomName(object, random);
                JsonNode value = object.remove(name);
                object.set(renamed(name, random), value);
            });
            case REPLACE_VALUE -> randomSlot(root, random).ifPresent(slot -> slot.set(randomValueOtherThan(slot.get(), random, 2)));
            case REORDER_MEMBERS -> randomObject(root, random).ifPresent(object -> {
                List<Map.Entry<String, JsonNode>> members = new ArrayList<>(object.properties());
                Collections.shuffle(members, random);
                object.removeAll();
                members.forEach(member -> object.set(member.getKey(), member.getValue()));
            });
            case DEEP_NESTING -> randomSlot(root, random).ifPresent(slot -> slot.set(TextNode.valueOf(DEEP)));
            default -> {
            }
        }
    }

    private static String mutateText(String text, Mutation mutation, Random random) throws JsonProcessingException {
        if (mutation == Mutation.DEEP_NESTING) {
            String placeholder = MAPPER.writeValueAsString(DEEP);
            int depth = 1 + random.nextInt(random.nextBoolean() ? 40 : 3000);
            String nested = random.nextBoolean()
                    ? "[".repeat(depth) + "1" + "]".repeat(depth)
                    : "{\"a\":".repeat(depth) + "null" + "}".repeat(depth);
            return text.replace(placeholder, nested);
        }
        if (mutation == Mutation.DUPLICATE_KEY) {
            // Repeats an object's first key right after its brace: {"a":1,...} becomes {"a":<random>,"a":1,...}.
            List<Integer> braces = new ArrayList<>();
            List<String> firstKeys = new ArrayList<>();
            Matcher matcher = OBJECT_START.matcher(text);
            while (matcher.find()) {
                braces.add(matcher.start());
                firstKeys.add(matcher.group(1));
            }
            if (braces.isEmpty()) {
                return text;
            }
            int chosen = random.nextInt(braces.size());
            int afterBrace = braces.get(chosen) + 1;
            String again = "\"" + firstKeys.get(chosen) + "\":" + MAPPER.writeValueAsString(randomValueOtherThan(null, random, 1)) + ",";
            return text.substring(0, afterBrace) + again + text.substring(afterBrace);
        }
        return text;
    }

    private static byte[] mutateBytes(byte[] bytes, Mutation mutation, Random random) {
        switch (mutation) {
            case TRUNCATE -> {
                byte[] shorter = new byte[random.nextInt(bytes.length + 1)];
                System.arraycopy(bytes, 0, shorter, 0, shorter.length);
                return shorter;
            }
            case INSERT_BYTES -> {
                byte[] inserted = new byte[1 + random.nextInt(8)];
                random.nextBytes(inserted);
                int at = random.nextInt(bytes.length + 1);
                byte[] longer = new byte[bytes.length + inserted.length];
                System.arraycopy(bytes, 0, longer, 0, at);
                System.arraycopy(inserted, 0, longer, at, inserted.length);
                System.arraycopy(bytes, at, longer, at + inserted.length, bytes.length - at);
                return longer;
            }
            case FLIP_BYTE -> {
                if (bytes.length > 0) {
                    byte[] flipped = bytes.clone();
                    flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
                    return flipped;
                }
                return bytes;
            }
            default -> {
                return bytes;
            }
        }
    }

    /** A place in the tree that holds a value: a member of an object or an element of an array. */
    private record Slot(JsonNode parent, String name, int index) {
        JsonNode get() {
            return name != null ? parent.get(name) : parent.get(index);
        }

        void set(JsonNode value) {
            if (name != null) {
                ((ObjectNode) parent).set(name, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    private static List<JsonNode> containers(JsonNode root) {
        List<JsonNode> all = new ArrayList<>();
        Deque<JsonNode> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isContainerNode()) {
                all.add(node);
                node.forEach(pending::push);
            }
        }
        return all;
    }

    private static java.util.Optional<ObjectNode> randomObject(JsonNode root, Random random) {
        List<ObjectNode> objects = containers(root).stream().filter(node -> node.isObject() && !node.isEmpty())
                .map(ObjectNode.class::cast).toList();
        return objects.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(objects.get(random.nextInt(objects.size())));
    }

    private static java.util.Optional<Slot> randomSlot(JsonNode root, Random random) {
        List<Slot> slots = new ArrayList<>();
        for (JsonNode container : containers(root)) {
            if (container.isObject()) {
                container.fieldNames().forEachRemaining(name -> slots.add(new Slot(container, name, -1)));
            } else {
                for (int i = 0; i < container.size(); i++) {
                    slots.add(new Slot(container, null, i));
                }
            }
        }
        return slots.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(slots.get(random.nextInt(slots.size())));
    }

    private static String randomName(ObjectNode object, Random random) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.get(random.nextInt(names.size()));
    }

    private static String renamed(String name, Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> name.toUpperCase(java.util.Locale.ROOT);
            case 1 -> name + "s";
            case 2 -> name.isEmpty() ? "x" : name.substring(1);
            case 3 -> "type";
            default -> randomString(random);
        };
    }

    private static JsonNode randomValueOtherThan(JsonNode current, Random random, int depth) {
        while (true) {
            JsonNode candidate = randomValue(random, depth);
            if (current == null || candidate.getNodeType() != current.getNodeType()) {
                return candidate;
            }
        }
    }

    private static JsonNode randomValue(Random random, int depth) {
        switch (random.nextInt(depth > 0 ? 7 : 5)) {
            case 0:
                return NODES.nullNode();
            case 1:
                return NODES.booleanNode(random.nextBoolean());
            case 2:
                return switch (random.nextInt(4)) {
                    case 0 -> NODES.numberNode(random.nextInt(10));
                    case 1 -> NODES.numberNode(random.nextLong());
                    case 2 -> NODES.numberNode(BigInteger.TWO.pow(64 + random.nextInt(64)).negate());
                    default -> NODES.numberNode(3_000_000_000L);
                };
            case 3:
                return switch (random.nextInt(3)) {
                    case 0 -> NODES.numberNode(random.nextDouble() * 1000);
                    case 1 -> NODES.numberNode(new BigDecimal("4.0"));
                    default -> NODES.numberNode(new BigDecimal("1e400"));
                };
            case 4:
                return NODES.textNode(random.nextBoolean() ? TELLING_STRINGS.get(random.nextInt(TELLING_STRINGS.size())) : randomString(random));
            case 5: {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth - 1));
                }
                return array;
            }
            default: {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(random.nextBoolean() ? "type" : randomString(random), randomValue(random, depth - 1));
                }
                return object;
            }
        }
    }

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            // Mostly ASCII, sometimes any BMP character, lone surrogates included.
            text.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : (char) (0x20 + random.nextInt(0x5f)));
        }
        return text.toString();
    }
}
