package eu.muster.client;

import eu.muster.topics.TopicSettings;
import eu.muster.topics.Topics;

/** The serdes of muster's topics, from their one registry. */
final class ContractSerdes {

    /**
     * Only the serdes of this instance are used; the client creates no topics, so the sizes given
     * here are never read.
     */
    static final Topics TOPICS = new Topics(new TopicSettings(1, (short) 1, 1));

    private ContractSerdes() {
    }
}
