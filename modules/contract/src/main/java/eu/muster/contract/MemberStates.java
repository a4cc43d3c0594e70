package eu.muster.contract;

import java.util.Set;

/**
 * The values the contract's member-state fields accept: the ISO 3166-1 alpha-2 codes of the 27
 * member states of the European Union, in upper case. One list, so that the log of record's
 * well-formedness check and the gateway's JSON reader refuse the same codes.
 *
 * <p>Greece is {@code GR}, as in ISO 3166-1; the EU's own {@code EL} is not a code here. The EEA
 * states ({@link #EEA_NOT_MEMBERS}) are not member states: a Reserve request comes from a member
 * state (CSA Art. 15); admitting them is a deliberate change to this list and the contract's docs.
 */
public final class MemberStates {

    /** The 27 codes. */
    public static final Set<String> CODES = Set.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
            "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    /** EEA states that are not EU member states, which producers sometimes take for ones. */
    public static final Set<String> EEA_NOT_MEMBERS = Set.of("NO", "IS", "LI");

    private MemberStates() {
    }

    /** Whether {@code code} is the code of an EU member state, in upper case. */
    public static boolean isMemberState(String code) {
        return code != null && CODES.contains(code);
    }
}
