package eu.muster.query;

import java.time.Duration;

/**
 * How the query API reads and streams.
 *
 * @param partitions  the partitions of every view store: muster's topic partition count
 * @param maxStreams  the most live streams held open at once (503 beyond)
 * @param heartbeat   how often an idle live stream sends a comment line
 * @param peerTimeout how long another instance may take to answer a read
 */
public record QuerySettings(int partitions, int maxStreams, Duration heartbeat, Duration peerTimeout) {

    /** Validates. */
    public QuerySettings {
        if (partitions < 1 || maxStreams < 0 || heartbeat.isNegative() || heartbeat.isZero() || peerTimeout.isNegative() || peerTimeout.isZero()) {
            throw new IllegalArgumentException("partitions >= 1, maxStreams >= 0 and positive heartbeat and peer timeout are needed");
        }
    }
}
