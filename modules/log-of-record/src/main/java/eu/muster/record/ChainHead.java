package eu.muster.record;

import eu.muster.codec.HashChain;
import eu.muster.domain.IncidentState;
import java.util.HexFormat;

/**
 * What the decider keeps per incident: the domain's state and the end of the incident's hash chain.
 *
 * @param state        the incident as the lifecycle rules see it
 * @param lastSequence the sequence number of the incident's latest recorded event; 0 before the first
 * @param lastHash     the hash of that event as hex; the genesis hash before the first
 */
public record ChainHead(IncidentState state, long lastSequence, String lastHash) {

    /** An incident with nothing recorded yet. */
    public static ChainHead empty() {
        return new ChainHead(IncidentState.none(), 0, HexFormat.of().formatHex(HashChain.genesis()));
    }

    /** The head after recording one more event. */
    ChainHead next(IncidentState evolved, long sequence, byte[] hash) {
        return new ChainHead(evolved, sequence, HexFormat.of().formatHex(hash));
    }

    byte[] lastHashBytes() {
        return HexFormat.of().parseHex(lastHash);
    }
}
