package eu.muster.loadgen;

import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The organisations whose traffic the generator makes up: the same entries as muster's organisation
 * directory, so that every generated event names a producer the log of record knows, with the role
 * and member state it registers.
 *
 * <p>Held sorted by organisation id, whatever order the caller gave: the generator picks from these
 * lists with a seeded random, so the same organisations must give the same lists for the same seed
 * to give the same traffic.
 */
public final class Directory {

    private static final Set<OrganisationRole> NATIONAL_AUTHORITIES = Set.of(OrganisationRole.NCA, OrganisationRole.SINGLE_POINT_OF_CONTACT);
    private static final Set<OrganisationRole> MEMBER_STATE_AUTHORITIES =
            Set.of(OrganisationRole.NCA, OrganisationRole.SINGLE_POINT_OF_CONTACT, OrganisationRole.CSIRT);

    private final List<Organisation> organisations;
    private final Map<String, Organisation> byId;
    private final List<Organisation> requestingAuthorities;
    private final List<Organisation> memberStateAuthorities;
    private final List<Organisation> mssps;
    private final List<Organisation> csirts;
    private final Optional<Organisation> enisa;

    private Directory(Collection<Organisation> organisations) {
        Objects.requireNonNull(organisations, "organisations");
        List<Organisation> sorted = new ArrayList<>(organisations);
        sorted.forEach(organisation -> {
            Objects.requireNonNull(organisation, "an organisation of the directory");
            Objects.requireNonNull(organisation.getId(), "an organisation's id");
            Objects.requireNonNull(organisation.getRole(), "the role of " + organisation.getId());
        });
        sorted.sort(Comparator.comparing(Organisation::getId));
        Set<String> seen = new HashSet<>();
        for (Organisation organisation : sorted) {
            if (!seen.add(organisation.getId())) {
                throw new IllegalArgumentException("organisation " + organisation.getId() + " is listed twice");
            }
        }
        this.organisations = List.copyOf(sorted);
        Map<String, Organisation> index = new LinkedHashMap<>();
        sorted.forEach(organisation -> index.put(organisation.getId(), organisation));
        this.byId = index;
        this.requestingAuthorities = select(organisation -> NATIONAL_AUTHORITIES.contains(organisation.getRole())
                && organisation.getMemberState() != null);
        this.memberStateAuthorities = select(organisation -> MEMBER_STATE_AUTHORITIES.contains(organisation.getRole())
                && organisation.getMemberState() != null);
        this.mssps = select(organisation -> organisation.getRole() == OrganisationRole.MSSP);
        this.csirts = select(organisation -> organisation.getRole() == OrganisationRole.CSIRT);
        this.enisa = this.organisations.stream().filter(organisation -> organisation.getRole() == OrganisationRole.ENISA).findFirst();
    }

    /**
     * A directory of these organisations.
     *
     * @throws IllegalArgumentException if an id is listed twice
     */
    public static Directory of(Collection<Organisation> organisations) {
        return new Directory(organisations);
    }

    /** A directory of these organisations. */
    public static Directory of(Organisation... organisations) {
        return new Directory(List.of(organisations));
    }

    /**
     * The organisations of the development backbone, as deploy/organisations.dev.properties registers
     * them (the auditor aside, who submits nothing). A test holds the two together. Only DE and FR
     * have an NCA, so only they request support.
     */
    public static Directory development() {
        return of(
                organisation("de-bsi", OrganisationRole.NCA, "DE"),
                organisation("de-certbund", OrganisationRole.CSIRT, "DE"),
                organisation("fr-anssi", OrganisationRole.NCA, "FR"),
                organisation("at-certat", OrganisationRole.CSIRT, "AT"),
                organisation("enisa", OrganisationRole.ENISA, null),
                organisation("mssp-nordwind", OrganisationRole.MSSP, "NL"),
                organisation("mssp-baltic", OrganisationRole.MSSP, "EE"));
    }

    /** Every organisation, sorted by id. */
    public List<Organisation> organisations() {
        return organisations;
    }

    /** The organisation with this id, empty if the directory has none. */
    public Optional<Organisation> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The organisations that may request the Reserve's support: NCAs and single points of contact of a member state (CSA Art. 15). */
    public List<Organisation> requestingAuthorities() {
        return requestingAuthorities;
    }

    /** The member-state authorities that take part in mutual assistance: NCAs, single points of contact and CSIRTs. */
    public List<Organisation> memberStateAuthorities() {
        return memberStateAuthorities;
    }

    /** The member-state authorities of one member state, sorted by id. */
    public List<Organisation> authoritiesOf(String memberState) {
        return memberStateAuthorities.stream().filter(organisation -> memberState.equals(organisation.getMemberState())).toList();
    }

    /** The managed security service providers of the Reserve, which ENISA matches to incidents. */
    public List<Organisation> mssps() {
        return mssps;
    }

    /** The national CSIRTs. */
    public List<Organisation> csirts() {
        return csirts;
    }

    /** ENISA, which matches providers and files post-incident reviews; empty if the directory has none. */
    public Optional<Organisation> enisa() {
        return enisa;
    }

    private List<Organisation> select(java.util.function.Predicate<Organisation> which) {
        return organisations.stream().filter(which).toList();
    }

    private static Organisation organisation(String id, OrganisationRole role, String memberState) {
        return Organisation.newBuilder().setId(id).setRole(role).setMemberState(memberState).build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Directory directory && organisations.equals(directory.organisations);
    }

    @Override
    public int hashCode() {
        return organisations.hashCode();
    }

    @Override
    public String toString() {
        return "Directory" + organisations.stream().map(Organisation::getId).toList();
    }
}
