package eu.muster.coordination.view;

/** The cross-incident views: how incidents are grouped, and the names of what each grouping uses. */
enum Grouping {
    /** Incidents by member state: requesting, affected or assisting. */
    MEMBER_STATE("member-state"),
    /** Engagements by provider: the MSSP scorecard. */
    MSSP("mssp"),
    /** Filed reviews by taxonomy class and by sector: lessons learned. */
    LESSONS("lessons");

    private final String name;

    Grouping(String name) {
        this.name = name;
    }

    /** Internal topic of entries on their way to their group: {@code <application.id>-<name>-entries-repartition}. */
    String entries() {
        return name + "-entries";
    }

    /** The processor that folds a group's entries into its view. */
    String processor() {
        return name + "-groups";
    }

    /** Store of the entries, keyed {@code <group>/<incidentId>}. */
    String entryStore() {
        return name + "-group-entries";
    }

    /** Store of the entries again, keyed {@code <group>/<newest-first order>/<incidentId>}: the group's newest entries are its first. */
    String newestStore() {
        return name + "-group-newest";
    }

    /**
     * Store of each summarised duration's values, keyed {@code <group>/<duration>/<ascending order>/<incidentId>}, and of its
     * count and median, keyed {@code <group>/<duration>}.
     */
    String durationStore() {
        return name + "-group-durations";
    }

    /** Store of each group's counts and sums (its view without summaries or list), keyed by group: what each change moves. */
    String countStore() {
        return name + "-group-counts";
    }

    /** Store of the groups changed since their view was last written, keyed by group, with the latest change's timestamp. */
    String pendingStore() {
        return name + "-group-pending";
    }

    /** Store of the group views, keyed by group: what the queries read. */
    String viewStore() {
        return name + "-views";
    }

    /** Prefix of the named nodes of this grouping's branch. */
    String node() {
        return name;
    }
}
