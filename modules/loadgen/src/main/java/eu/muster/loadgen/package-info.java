/**
 * Benchmark traffic for muster, reproducible from a seed: {@link eu.muster.loadgen.LoadGenerator}
 * makes the {@code IncidentEvent}s that the organisations of a {@link eu.muster.loadgen.Directory}
 * would submit over the lifecycles of many concurrent incidents, each paired with the outcome the
 * log of record will give it ({@link eu.muster.loadgen.GeneratedSubmission}). Plain Java, no Kafka:
 * sending the traffic is the benchmark's business.
 */
package eu.muster.loadgen;
