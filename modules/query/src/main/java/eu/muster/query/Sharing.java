package eu.muster.query;

import eu.muster.contract.CoordinationView;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.Participant;
import eu.muster.contract.Tlp;
import eu.muster.gateway.Caller;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who may read what: TLP 2.0 applied to an incident's marking (its coordination view's {@code tlp},
 * the most restrictive marking of the events the views show), and roles for the cross-incident
 * views. Every read of the query API and the live stream passes through here.
 *
 * <ul>
 *   <li>Auditors read everything.</li>
 *   <li>The incident's parties read it whatever its marking: its participants (the requesting
 *       authority, the provider, every organisation that joined) and ENISA, always: a request is
 *       addressed to ENISA as the Reserve's contracting authority (CSA Art. 15) before ENISA
 *       matches it, and ENISA reviews every incident under the review mechanism (CSA Art. 21).</li>
 *   <li>RED and AMBER+STRICT: only the parties. muster's principals are organisations, so the
 *       named participants of RED and the participants' organisations of AMBER+STRICT are the
 *       same set.</li>
 *   <li>AMBER: also the national authorities (NCA, single point of contact, CSIRT) of the member
 *       states the participants belong to.</li>
 *   <li>GREEN and CLEAR: every authenticated organisation (muster has no anonymous reader, so the
 *       two reach the same community).</li>
 *   <li>Provider scorecards: the provider itself, ENISA, the Commission and auditors, for the
 *       Reserve's contract performance reviews; the Commission sees the engagement records of
 *       only the incidents it may read (the figures summed over all engagements stay whole).</li>
 * </ul>
 */
public final class Sharing {

    private static final Set<OrganisationRole> AUTHORITIES = EnumSet.of(OrganisationRole.NCA, OrganisationRole.SINGLE_POINT_OF_CONTACT,
            OrganisationRole.CSIRT);
    private static final Set<OrganisationRole> SCORECARD_READERS = EnumSet.of(OrganisationRole.ENISA, OrganisationRole.COMMISSION);

    private Sharing() {
    }

    /** Whether {@code caller} may read the incident whose coordination view is {@code view}. */
    public static boolean mayRead(Caller caller, CoordinationView view) {
        if (caller.auditor()) {
            return true;
        }
        Organisation organisation = caller.organisation();
        if (isParty(organisation, view)) {
            return true;
        }
        Tlp tlp = view.getTlp() == null ? Tlp.RED : view.getTlp();
        return switch (tlp) {
            case RED, AMBER_STRICT -> false;
            case AMBER -> AUTHORITIES.contains(organisation.getRole()) && organisation.getMemberState() != null
                    && view.getParticipants().stream().map(Participant::getMemberState).anyMatch(organisation.getMemberState()::equals);
            case GREEN, CLEAR -> true;
        };
    }

    /** Whether {@code caller} may read the scorecard of provider {@code msspId}. */
    public static boolean mayReadScorecard(Caller caller, String msspId) {
        if (caller.auditor()) {
            return true;
        }
        Organisation organisation = caller.organisation();
        return SCORECARD_READERS.contains(organisation.getRole()) || organisation.getId().equals(msspId);
    }

    /** Whether {@code caller} sees every engagement record of a scorecard it may read, rather than those of incidents it may read. */
    public static boolean seesEveryEngagement(Caller caller, String msspId) {
        return caller.auditor() || caller.organisation().getRole() == OrganisationRole.ENISA || caller.organisation().getId().equals(msspId);
    }

    private static boolean isParty(Organisation organisation, CoordinationView view) {
        if (organisation.getRole() == OrganisationRole.ENISA) {
            return true;
        }
        return view.getParticipants().stream().anyMatch(participant -> Objects.equals(participant.getOrganisationId(), organisation.getId()));
    }
}
