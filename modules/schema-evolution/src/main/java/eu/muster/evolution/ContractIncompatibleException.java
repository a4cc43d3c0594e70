package eu.muster.evolution;

import java.util.List;
import java.util.stream.Collectors;

/** The current contract breaks compatibility with a released version; the message lists every break. */
public final class ContractIncompatibleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Incompatibility> incompatibilities;

    public ContractIncompatibleException(List<Incompatibility> incompatibilities) {
        super("the contract in schemas/current breaks compatibility with a released version (see docs/event-contract.md, 'Evolution'):\n  "
                + incompatibilities.stream().map(Incompatibility::describe).collect(Collectors.joining("\n  ")));
        this.incompatibilities = List.copyOf(incompatibilities);
    }

    /** What broke, one entry per Avro incompatibility. */
    public List<Incompatibility> incompatibilities() {
        return incompatibilities;
    }
}
