package eu.muster.client;

import eu.muster.contract.Organisation;
import eu.muster.contract.Pap;
import eu.muster.contract.Tlp;
import eu.muster.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * What a {@link MusterClient} needs: the organisation it speaks for and how to reach Kafka.
 * Immutable; every {@code with...} method returns a copy.
 *
 * <p><b>Kafka properties</b> are passed through to the Kafka clients the {@code MusterClient} owns:
 * {@code bootstrap.servers} (required) and whatever the cluster's security needs
 * ({@code security.protocol}, {@code ssl.*}, {@code sasl.*}, ...), plus tuning such as
 * {@code compression.type}, {@code linger.ms}, {@code max.block.ms} or {@code delivery.timeout.ms}.
 * A property only the producer knows is not given to the consumer, and the reverse; properties no
 * Kafka client knows (settings of a custom login callback handler, say) go to all of them.
 *
 * <p>The client always writes with {@code acks=all} and {@code enable.idempotence=true}. Settings that
 * would weaken that, or that would take over what the client owns, are <b>refused</b> with an
 * {@link IllegalArgumentException} naming the setting, never silently overridden:
 * {@code acks} other than {@code all}/{@code -1}; {@code enable.idempotence=false}; {@code retries=0};
 * {@code max.in.flight.requests.per.connection} above 5; {@code transactional.id};
 * {@code partitioner.class} and {@code partitioner.ignore.keys=true} (all submissions of an incident
 * must keep to one partition, in order); key and value (de)serialisers (the client uses muster's
 * serdes); {@code isolation.level} other than {@code read_committed} (outcomes are written in
 * transactions; an aborted one must not be read). Consumer-group settings ({@code group.id},
 * {@code group.instance.id}, {@code group.protocol}, {@code enable.auto.commit},
 * {@code auto.offset.reset}) are ignored: outcomes are read without a consumer group.
 *
 * <p><b>Defaults:</b> drafts are marked {@link #DEFAULT_TLP TLP:AMBER} and {@link #DEFAULT_PAP PAP:AMBER}
 * unless the draft or {@link #withDefaultTlp}/{@link #withDefaultPap} say otherwise; {@code occurredAt}
 * defaults to the instant of the {@link #clock() clock} (the system UTC clock unless replaced);
 * outcomes are looked for from {@link #DEFAULT_OUTCOME_LOOKBACK one minute} before the submission.
 */
public final class MusterClientSettings {

    /** TLP of a draft that names none: AMBER, limited disclosure to participants' organisations and their authorities. */
    public static final Tlp DEFAULT_TLP = Tlp.AMBER;
    /** PAP of a draft that names none: AMBER, passive actions only. */
    public static final Pap DEFAULT_PAP = Pap.AMBER;
    /**
     * How long before a submission's timestamp the search for its outcome starts: one minute. It covers
     * the clock difference between the submitting machine and muster's processor.
     */
    public static final Duration DEFAULT_OUTCOME_LOOKBACK = Duration.ofMinutes(1);

    private static final Pattern MEMBER_STATE = Pattern.compile("[A-Z]{2}");
    private static final int MAX_IDEMPOTENT_IN_FLIGHT = 5;
    /** Settings the client owns: supplying any of them is a mistake. */
    private static final Set<String> OWNED = Set.of(
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            ProducerConfig.PARTITIONER_CLASS_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
    /** Settings of consumer groups, which the client does not use. */
    private static final Set<String> IGNORED = Set.of(
            ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            ConsumerConfig.GROUP_PROTOCOL_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);

    private final Organisation organisation;
    private final Map<String, Object> kafkaProperties;
    private final Clock clock;
    private final Tlp defaultTlp;
    private final Pap defaultPap;
    private final Duration outcomeLookback;

    private MusterClientSettings(Organisation organisation, Map<String, Object> kafkaProperties, Clock clock, Tlp defaultTlp,
            Pap defaultPap, Duration outcomeLookback) {
        this.organisation = organisation;
        this.kafkaProperties = kafkaProperties;
        this.clock = clock;
        this.defaultTlp = defaultTlp;
        this.defaultPap = defaultPap;
        this.outcomeLookback = outcomeLookback;
    }

    /**
     * Settings for {@code organisation} on a cluster reached at {@code bootstrapServers} without
     * security settings; add them with {@link #withKafkaProperty}.
     *
     * @param organisation     the organisation as muster's organisation directory registers it: id, role and member state
     * @param bootstrapServers Kafka's {@code bootstrap.servers}, e.g. {@code "kafka-1.example.eu:9093,kafka-2.example.eu:9093"}
     * @throws IllegalArgumentException when the organisation is incomplete or its id cannot name a submission topic,
     *                                  or {@code bootstrapServers} is blank
     */
    public static MusterClientSettings of(Organisation organisation, String bootstrapServers) {
        Identifiers.requirePresent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return of(organisation, Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * Settings for {@code organisation} with Kafka client properties, which must include
     * {@code bootstrap.servers}.
     *
     * @throws IllegalArgumentException when the organisation is incomplete or its id cannot name a submission topic,
     *                                  {@code bootstrap.servers} is missing, or a property would weaken delivery
     *                                  (see the class description)
     */
    public static MusterClientSettings of(Organisation organisation, Map<String, ?> kafkaProperties) {
        Identifiers.requirePresent("kafkaProperties", kafkaProperties);
        Map<String, Object> copy = new LinkedHashMap<>();
        kafkaProperties.forEach((name, value) -> copy.put(Identifiers.requirePresent("Kafka property name", name), value));
        return new MusterClientSettings(validOrganisation(organisation), validKafkaProperties(copy), Clock.systemUTC(),
                DEFAULT_TLP, DEFAULT_PAP, DEFAULT_OUTCOME_LOOKBACK);
    }

    /**
     * Settings for {@code organisation} with Kafka client properties as loaded from a
     * {@code client.properties} file; they must include {@code bootstrap.servers}.
     *
     * @throws IllegalArgumentException as {@link #of(Organisation, Map)}
     */
    public static MusterClientSettings of(Organisation organisation, Properties kafkaProperties) {
        Identifiers.requirePresent("kafkaProperties", kafkaProperties);
        Map<String, Object> copy = new LinkedHashMap<>();
        for (String name : kafkaProperties.stringPropertyNames()) {
            copy.put(name, kafkaProperties.getProperty(name));
        }
        return of(organisation, copy);
    }

    /**
     * A copy with one more Kafka client property, or with its value replaced.
     *
     * @throws IllegalArgumentException when the property would weaken delivery or is owned by the client
     */
    public MusterClientSettings withKafkaProperty(String name, Object value) {
        Identifiers.requirePresent("Kafka property name", name);
        Identifiers.requirePresent("value of Kafka property " + name, value);
        Map<String, Object> copy = new LinkedHashMap<>(kafkaProperties);
        copy.put(name, value);
        return new MusterClientSettings(organisation, validKafkaProperties(copy), clock, defaultTlp, defaultPap, outcomeLookback);
    }

    /** A copy whose drafts take their default {@code occurredAt} from {@code clock} (for tests, or a trusted time source). */
    public MusterClientSettings withClock(Clock clock) {
        return new MusterClientSettings(organisation, kafkaProperties, Identifiers.requirePresent("clock", clock), defaultTlp,
                defaultPap, outcomeLookback);
    }

    /** A copy whose drafts are marked {@code tlp} unless they say otherwise. */
    public MusterClientSettings withDefaultTlp(Tlp tlp) {
        return new MusterClientSettings(organisation, kafkaProperties, clock, Identifiers.requirePresent("defaultTlp", tlp),
                defaultPap, outcomeLookback);
    }

    /** A copy whose drafts are marked {@code pap} unless they say otherwise. */
    public MusterClientSettings withDefaultPap(Pap pap) {
        return new MusterClientSettings(organisation, kafkaProperties, clock, defaultTlp, Identifiers.requirePresent("defaultPap", pap),
                outcomeLookback);
    }

    /**
     * A copy that starts looking for an outcome {@code lookback} before the submission's timestamp.
     * Make it at least the clock difference between the submitting machine and muster's processor.
     *
     * @throws IllegalArgumentException when {@code lookback} is negative
     */
    public MusterClientSettings withOutcomeLookback(Duration lookback) {
        Identifiers.requirePresent("outcomeLookback", lookback);
        if (lookback.isNegative()) {
            throw new IllegalArgumentException("outcomeLookback must not be negative, got " + lookback);
        }
        return new MusterClientSettings(organisation, kafkaProperties, clock, defaultTlp, defaultPap, lookback);
    }

    /** The organisation the client speaks for (a copy). */
    public Organisation organisation() {
        return MusterClientSettings.copyOf(organisation);
    }

    /** The Kafka client properties as given, unmodifiable. */
    public Map<String, Object> kafkaProperties() {
        return kafkaProperties;
    }

    /** The clock drafts take their default {@code occurredAt} from. */
    public Clock clock() {
        return clock;
    }

    /** The TLP of drafts that name none. */
    public Tlp defaultTlp() {
        return defaultTlp;
    }

    /** The PAP of drafts that name none. */
    public Pap defaultPap() {
        return defaultPap;
    }

    /** How long before a submission's timestamp the search for its outcome starts. */
    public Duration outcomeLookback() {
        return outcomeLookback;
    }

    /** The organisation's submission topic, {@code submissions.<organisationId>}. */
    public String submissionTopic() {
        return Topics.SUBMISSIONS_PREFIX + organisation.getId();
    }

    /** The producer's configuration: the properties for producers, with idempotence and {@code acks=all} set. */
    Map<String, Object> producerConfig() {
        Map<String, Object> config = configFor(ProducerConfig.configNames());
        config.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "muster-client-" + organisation.getId());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }

    /** The outcome reader's configuration: no group, no commits, committed records only. */
    Map<String, Object> consumerConfig(String clientIdSuffix) {
        Map<String, Object> config = configFor(ConsumerConfig.configNames());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientIdBase() + "-outcomes-" + clientIdSuffix);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only used when compaction or retention has removed the position the reader sought to.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    /** The configuration of the admin client that diagnoses a failed submission. */
    Map<String, Object> adminConfig(String clientIdSuffix) {
        Map<String, Object> config = configFor(AdminClientConfig.configNames());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientIdBase() + "-diagnosis-" + clientIdSuffix);
        return config;
    }

    private String clientIdBase() {
        Object given = kafkaProperties.get(CommonClientConfigs.CLIENT_ID_CONFIG);
        return given == null ? "muster-client-" + organisation.getId() : given.toString();
    }

    /** The properties for one kind of Kafka client: all but those only other kinds know, and but the ignored ones. */
    private Map<String, Object> configFor(Set<String> ownNames) {
        Set<String> othersOnly = new HashSet<>(ProducerConfig.configNames());
        othersOnly.addAll(ConsumerConfig.configNames());
        othersOnly.addAll(AdminClientConfig.configNames());
        othersOnly.removeAll(ownNames);
        Map<String, Object> config = new LinkedHashMap<>();
        kafkaProperties.forEach((name, value) -> {
            if (!othersOnly.contains(name) && !IGNORED.contains(name)) {
                config.put(name, value);
            }
        });
        return config;
    }

    /**
     * A copy of {@code organisation}, field by field: Avro's {@code newBuilder(other)} deep-copies by
     * reflection, which Avro 1.12.2 refuses for the contract's classes until a codec has trusted them.
     */
    static Organisation copyOf(Organisation organisation) {
        return new Organisation(organisation.getId(), organisation.getRole(), organisation.getMemberState());
    }

    private static Organisation validOrganisation(Organisation organisation) {
        Identifiers.requirePresent("organisation", organisation);
        String id = organisation.getId();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("organisation.id must not be blank");
        }
        if (!Topics.submissionTopics().matcher(Topics.SUBMISSIONS_PREFIX + id).matches()) {
            throw new IllegalArgumentException("organisation.id '" + id + "' cannot name a submission topic: use lower-case letters, "
                    + "digits and dashes, starting with a letter or digit, as in muster's organisation directory");
        }
        Identifiers.requirePresent("organisation.role", organisation.getRole());
        String memberState = organisation.getMemberState();
        if (memberState != null && !MEMBER_STATE.matcher(memberState).matches()) {
            throw new IllegalArgumentException("organisation.memberState must be an ISO 3166-1 alpha-2 code in upper case "
                    + "(e.g. DE), or null for EU bodies, got '" + memberState + "'");
        }
        return MusterClientSettings.copyOf(organisation);
    }

    private static Map<String, Object> validKafkaProperties(Map<String, Object> properties) {
        Object bootstrap = properties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap == null || bootstrap.toString().isBlank()) {
            throw new IllegalArgumentException(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG + " must be given");
        }
        for (String owned : OWNED) {
            if (properties.containsKey(owned)) {
                throw new IllegalArgumentException(owned + " is set by the muster client itself and must not be given: "
                        + ownedReason(owned));
            }
        }
        String acks = text(properties, ProducerConfig.ACKS_CONFIG);
        if (acks != null && !acks.equals("all") && !acks.equals("-1")) {
            throw refused(ProducerConfig.ACKS_CONFIG, acks, "muster's client writes with acks=all, so that a receipt means every "
                    + "in-sync replica has the record");
        }
        String idempotence = text(properties, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
        if (idempotence != null && !idempotence.equals("true")) {
            throw refused(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotence, "muster's client writes idempotently, so that a "
                    + "retried write is stored once and in order");
        }
        Integer retries = integer(properties, ProducerConfig.RETRIES_CONFIG);
        if (retries != null && retries < 1) {
            throw refused(ProducerConfig.RETRIES_CONFIG, retries.toString(), "without retries a passing network fault fails the "
                    + "submission; bound the time spent instead with delivery.timeout.ms");
        }
        Integer inFlight = integer(properties, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        if (inFlight != null && (inFlight < 1 || inFlight > MAX_IDEMPOTENT_IN_FLIGHT)) {
            throw refused(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, inFlight.toString(),
                    "an idempotent producer keeps order only with 1 to " + MAX_IDEMPOTENT_IN_FLIGHT + " requests in flight");
        }
        String ignoreKeys = text(properties, ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG);
        if (ignoreKeys != null && !ignoreKeys.equals("false")) {
            throw refused(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG, ignoreKeys, "all submissions of one incident must go to the "
                    + "partition its incident id hashes to, in order");
        }
        String isolation = text(properties, ConsumerConfig.ISOLATION_LEVEL_CONFIG);
        if (isolation != null && !isolation.equals("read_committed")) {
            throw refused(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation, "muster writes outcomes in transactions, and an outcome "
                    + "of an aborted transaction was never decided");
        }
        return Collections.unmodifiableMap(properties);
    }

    private static String ownedReason(String owned) {
        return switch (owned) {
            case ProducerConfig.TRANSACTIONAL_ID_CONFIG -> "submissions are idempotent single writes, not transactions";
            case ProducerConfig.PARTITIONER_CLASS_CONFIG -> "all submissions of one incident must go to the partition its incident id "
                    + "hashes to, in order";
            default -> "records are written and read in muster's own Avro encoding (eu.muster.topics.Topics)";
        };
    }

    private static IllegalArgumentException refused(String name, String value, String why) {
        return new IllegalArgumentException(name + "=" + value + " is refused because it would weaken delivery: " + why
                + ". Remove the setting.");
    }

    private static String text(Map<String, Object> properties, String name) {
        Object value = properties.get(name);
        return value == null ? null : value.toString().trim().toLowerCase(Locale.ROOT);
    }

    private static Integer integer(Map<String, Object> properties, String name) {
        String value = text(properties, name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
    }

    @Override
    public String toString() {
        // Never the properties: they may hold passwords (ssl.keystore.password, sasl.jaas.config).
        return "MusterClientSettings[organisation=" + organisation.getId() + " (" + organisation.getRole() + ", "
                + (organisation.getMemberState() == null ? "no member state" : organisation.getMemberState()) + "), bootstrap.servers="
                + kafkaProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + "]";
    }
}
