package eu.muster.topics;

import java.util.List;

/**
 * What one publication of the contract's schemas did.
 *
 * @param written        fingerprints written by this call
 * @param alreadyPresent fingerprints that were on the topic already
 */
public record SchemaPublication(List<String> written, List<String> alreadyPresent) {
}
