package eu.muster.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencySamplesTest {

    @Test
    void percentilesAreNearestRankOverWhatWasObserved() {
        LatencySamples samples = new LatencySamples();
        // 1..2000 ms in reverse order: sorting is the summary's job.
        for (int ms = 2000; ms >= 1; ms--) {
            samples.add(ms * 1_000_000L);
        }
        LatencySamples.Summary summary = samples.summary();
        assertThat(summary.count()).isEqualTo(2000);
        assertThat(summary.p50Ms()).isEqualTo(1000.0);
        assertThat(summary.p99Ms()).isEqualTo(1980.0);
        assertThat(summary.p999Ms()).isEqualTo(1998.0);
        assertThat(summary.maxMs()).isEqualTo(2000.0);
        assertThat(summary.meanMs()).isCloseTo(1000.5, within(1e-9));
    }

    @Test
    void aSingleObservationIsEveryPercentile() {
        LatencySamples samples = new LatencySamples();
        samples.add(7_500_000L);
        LatencySamples.Summary summary = samples.summary();
        assertThat(summary.p50Ms()).isEqualTo(7.5);
        assertThat(summary.p999Ms()).isEqualTo(7.5);
    }

    @Test
    void noObservationsGiveNoFigures() {
        LatencySamples.Summary summary = new LatencySamples().summary();
        assertThat(summary.count()).isZero();
        assertThat(summary.p50Ms()).isNaN();
        assertThat(BenchReport.millis(summary.p99Ms())).isEqualTo("n/a");
    }
}
