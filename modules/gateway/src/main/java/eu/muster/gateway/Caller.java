package eu.muster.gateway;

import eu.muster.contract.Organisation;
import java.util.Objects;
import java.util.Optional;

/**
 * Who an authenticated request comes from: a registered organisation, or an auditor, who reads
 * everything and writes nothing (the organisation directory's {@code AUDITOR} entries).
 *
 * @param id           the organisation id the credential names
 * @param organisation the registered organisation; null for an auditor
 */
public record Caller(String id, Organisation organisation) {

    /** Validates. */
    public Caller {
        Objects.requireNonNull(id, "id");
        if (organisation != null && !organisation.getId().equals(id)) {
            throw new IllegalArgumentException("caller " + id + " does not match its organisation " + organisation.getId());
        }
    }

    /** A registered organisation. */
    public static Caller of(Organisation organisation) {
        return new Caller(organisation.getId(), organisation);
    }

    /** An auditor. */
    public static Caller auditor(String id) {
        return new Caller(id, null);
    }

    /** Whether the caller is an auditor. */
    public boolean auditor() {
        return organisation == null;
    }

    /** The organisation, unless the caller is an auditor. */
    public Optional<Organisation> asOrganisation() {
        return Optional.ofNullable(organisation);
    }
}
