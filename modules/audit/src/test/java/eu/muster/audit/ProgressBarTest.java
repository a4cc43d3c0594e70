package eu.muster.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final long MS = 1_000_000L;

    private final StringWriter written = new StringWriter();
    private long now = 1_000 * MS; // any origin: only differences count

    private ProgressBar bar(boolean terminal) {
        return ProgressBar.forWriter(new PrintWriter(written), terminal, "verify", () -> now);
    }

    private void at(long millisSinceStart) {
        now = 1_000 * MS + millisSinceStart * MS;
    }

    @Test
    void onATerminalOneLineIsRedrawnWithRateAndTimeLeftAtMostEvery100Ms() {
        ProgressBar bar = bar(true);

        at(50);
        bar.update(250, 27_000);
        assertThat(written.toString()).as("too soon after the start").isEmpty();

        at(2_000);
        bar.update(10_000, 27_000);
        String first = "\rverify [#######.............] 37%  10,000/27,000 events  5,000 events/s  about 4 s left";
        assertThat(written.toString()).isEqualTo(first);

        at(2_050);
        bar.update(10_250, 27_000);
        assertThat(written.toString()).as("within 100 ms of the last draw").isEqualTo(first);

        at(2_100);
        bar.update(10_500, 27_000);
        String second = "\rverify [#######.............] 38%  10,500/27,000 events  5,000 events/s  about 4 s left";
        assertThat(written.toString()).isEqualTo(first + second);

        at(5_400);
        bar.finish(27_000);
        String last = "\rverify: 27,000 events in 5.4 s, average 5,000 events/s";
        assertThat(written.toString()).isEqualTo(first + second + last + " ".repeat(second.length() - last.length()) + System.lineSeparator());
    }

    @Test
    void aShorterLineBlanksWhatIsLeftOfTheLongerOneBeforeIt() {
        ProgressBar bar = bar(true);
        at(1_000);
        bar.update(1_000, 1_000_000);
        at(1_000_000);
        bar.update(1_000_000, 1_000_000);

        String first = "\rverify [....................] 0%  1,000/1,000,000 events  1,000 events/s  about 17 min left";
        String second = "\rverify [####################] 100%  1,000,000/1,000,000 events  1,000 events/s";
        assertThat(second).hasSizeLessThan(first.length());
        assertThat(written.toString()).isEqualTo(first + second + " ".repeat(first.length() - second.length()));
    }

    @Test
    void elsewherePlainLinesAtMostEvery5sAndAFinalLine() {
        ProgressBar bar = bar(false);

        at(1_000);
        bar.update(5_000, 100_000);
        at(4_999);
        bar.update(24_995, 100_000);
        assertThat(written.toString()).isEmpty();

        at(5_000);
        bar.update(25_000, 100_000);
        at(9_000);
        bar.update(45_000, 100_000);
        at(10_000);
        bar.update(50_000, 100_000);
        at(20_000);
        bar.finish(100_000);

        assertThat(written.toString().lines()).containsExactly(
                "verify: 25000/100000 events (25%), 5000 events/s, about 15 s left",
                "verify: 50000/100000 events (50%), 5000 events/s, about 10 s left",
                "verify: 100000 events in 20.0 s, average 5000 events/s");
        assertThat(written.toString()).doesNotContain("\r");
    }

    @Test
    void theFinalCountIsTheWholeWhateverTheEstimateWas() {
        ProgressBar plain = bar(false);
        plain.update(1, 27_000);
        at(1_200);
        plain.update(9_450, 27_000);
        plain.finish(9_450);

        assertThat(written.toString().lines()).containsExactly("verify: 9450 events in 1.2 s, average 7875 events/s");
    }

    @Test
    void onATerminalTheFinalLineReplacesTheBar() {
        ProgressBar bar = bar(true);
        at(100);
        bar.update(50, 200);
        at(200);
        bar.finish(150);

        String drawn = "\rverify [#####...............] 25%  50/200 events  500 events/s  about 1 s left";
        String last = "\rverify: 150 events in 0.2 s, average 750 events/s";
        assertThat(written.toString()).isEqualTo(drawn + last + " ".repeat(drawn.length() - last.length()) + System.lineSeparator());
    }

    @Test
    void nothingReadStillEndsWithALine() {
        ProgressBar bar = bar(false);
        bar.finish(0);

        assertThat(written.toString().lines()).containsExactly("verify: 0 events in 0.0 s");
    }

    @Test
    void nothingIsDrawnAfterTheFinish() {
        ProgressBar bar = bar(false);
        at(10_000);
        bar.finish(10);
        String finished = written.toString();
        at(20_000);
        bar.update(20, 30);
        bar.finish(30);

        assertThat(written.toString()).isEqualTo(finished);
    }

    @Test
    void timesAreRoundedToWhatAReaderCanUse() {
        assertThat(ProgressBar.roughly(0.2)).isEqualTo("1 s");
        assertThat(ProgressBar.roughly(1.945)).isEqualTo("2 s");
        assertThat(ProgressBar.roughly(59)).isEqualTo("59 s");
        assertThat(ProgressBar.roughly(75)).isEqualTo("1 min");
        assertThat(ProgressBar.roughly(95)).isEqualTo("2 min");
        assertThat(ProgressBar.roughly(3 * 3600 + 600)).isEqualTo("3 h 10 min");
        assertThat(ProgressBar.elapsed(3_345 * MS)).isEqualTo("3.3 s");
        assertThat(ProgressBar.elapsed(125_000 * MS)).isEqualTo("2 min 5 s");
        assertThat(ProgressBar.elapsed(3_725_000 * MS)).isEqualTo("1 h 2 min");
    }

    @Test
    void aPrintStreamIsWrittenToo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = ProgressBar.forStream(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, "replay", () -> now);
        at(2_000);
        bar.finish(4_000);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("replay: 4000 events in 2.0 s, average 2000 events/s" + System.lineSeparator());
    }
}
