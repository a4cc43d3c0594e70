package eu.muster.json;

import eu.muster.contract.MemberStates;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks beyond the schema that reading an {@code IncidentEvent} applies, by field name: the
 * contract spells these values as plain strings (docs/event-contract.md, "Conventions"), and a
 * mistyped country or id is far cheaper to refuse at the edge than to find on the log of record,
 * which never changes.
 *
 * <p>A rule for a {@code string} field checks the string; a rule for an {@code array<string>}
 * field checks each element. Rules see only values that already have the schema's type.
 */
final class DomainRules {

    static final String MEMBER_STATE = "an ISO 3166-1 alpha-2 code of an EU member state";
    static final String UUID = "a UUID in canonical lower-case form, such as 6f1c2b9e-3d4a-4c8e-9f10-2a7b5c6d8e01";
    static final String LANGUAGE = "an ISO 639-1 language code: two lower-case letters, such as de";

    /** The contract's one list of member-state codes, shared with the log of record, so the gateway refuses what the log would refuse. */
    static final Set<String> EU_MEMBER_STATES = MemberStates.CODES;

    // Lower case only: ids are compared as strings, so one spelling per id (docs/event-contract.md, "Conventions").
    private static final Pattern CANONICAL_UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern LANGUAGE_CODE = Pattern.compile("[a-z]{2}");

    /**
     * One check of a string value.
     *
     * @param hint for a refused value, what to add to {@code expected} to point at the likely slip; "" for nothing
     */
    record Rule(Predicate<String> accepts, String expected, Function<String, String> hint) {

        /** What to tell a producer who sent {@code value}. */
        String expectedFor(String value) {
            return expected + hint.apply(value);
        }
    }

    private static final Rule MEMBER_STATE_RULE = new Rule(EU_MEMBER_STATES::contains, MEMBER_STATE, DomainRules::memberStateHint);
    private static final Rule UUID_RULE = new Rule(value -> CANONICAL_UUID.matcher(value).matches(), UUID, value -> "");
    private static final Rule LANGUAGE_RULE = new Rule(value -> LANGUAGE_CODE.matcher(value).matches(), LANGUAGE, value -> "");

    /** The rules of an incident event, by the name of the field they apply to, at any depth. */
    static final Map<String, Rule> INCIDENT_EVENT = Map.of(
            "eventId", UUID_RULE,
            "incidentId", UUID_RULE,
            "memberState", MEMBER_STATE_RULE,
            "requestingMemberState", MEMBER_STATE_RULE,
            "offeringMemberState", MEMBER_STATE_RULE,
            "affectedMemberStates", MEMBER_STATE_RULE,
            "requestedFrom", MEMBER_STATE_RULE,
            "languages", LANGUAGE_RULE);

    private DomainRules() {
    }

    /** The slips producers make most: the EU's EL for Greece, lower case, an EEA state taken for a member state. */
    private static String memberStateHint(String code) {
        if ("EL".equals(code)) {
            return " (Greece is GR, the ISO code, not EL)";
        }
        if (EU_MEMBER_STATES.contains(code.toUpperCase(Locale.ROOT))) {
            return " (codes are upper case)";
        }
        if (MemberStates.EEA_NOT_MEMBERS.contains(code)) {
            return " (EEA states that are not EU member states are not accepted)";
        }
        return "";
    }
}
