package eu.muster.audit;

/**
 * Shows how far a long run has come. {@link #update} is called for every record, so an
 * implementation decides itself how often to draw.
 */
public interface Progress {

    /** Shows nothing. */
    Progress NONE = new Progress() {
        @Override
        public void update(long done, long total) {
        }

        @Override
        public void finish(long done) {
        }
    };

    /** {@code done} of {@code total} units are done. */
    void update(long done, long total);

    /** The run is over after {@code done} units. */
    void finish(long done);
}
