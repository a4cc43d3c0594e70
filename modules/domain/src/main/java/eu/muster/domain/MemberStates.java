package eu.muster.domain;

import java.util.Set;

/**
 * The member states the log of record accepts ({@link eu.muster.contract.MemberStates}, the
 * contract's one list) and the hints it gives for codes that are close to right.
 *
 * <p>EEA states (NO, IS, LI) are not member states and are refused: the contract names these fields
 * member states, a Reserve request comes from a member state (CSA Art. 15), and support to third
 * countries associated to the Digital Europe Programme (CSA Art. 19) follows another procedure that
 * the contract does not model.
 */
final class MemberStates {

    private static final Set<String> EU = eu.muster.contract.MemberStates.CODES;

    private MemberStates() {
    }

    /** Whether {@code code} is the ISO 3166-1 alpha-2 code of an EU member state, in upper case. */
    static boolean isMemberState(String code) {
        return code != null && EU.contains(code);
    }

    /** How many member states there are, for tests that want to see the whole list is there. */
    static int count() {
        return EU.size();
    }

    /** A hint for a code that is close to right, or empty. */
    static String hintFor(String code) {
        if (code == null) {
            return "";
        }
        if ("EL".equals(code)) {
            return " (Greece is 'GR' in ISO 3166-1, not 'EL')";
        }
        if (EU.contains(code.toUpperCase(java.util.Locale.ROOT))) {
            return " (codes are upper case)";
        }
        if (eu.muster.contract.MemberStates.EEA_NOT_MEMBERS.contains(code)) {
            return " (EEA states are not EU member states)";
        }
        return "";
    }
}
