/**
 * The documented JSON form of the muster contract (docs/event-contract.md, "JSON form"), for
 * systems without a Kafka client. {@link eu.muster.json.JsonContract} reads incident events
 * strictly, refusing with a {@link eu.muster.json.JsonContractException} that lists every
 * {@link eu.muster.json.Violation}, and writes any contract record. Depends on the contract and
 * Jackson alone.
 */
package eu.muster.json;
