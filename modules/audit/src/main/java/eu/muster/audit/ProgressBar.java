package eu.muster.audit;

import java.io.Console;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Shows a long run's progress with its rate and the time left. On a terminal it redraws one line in
 * place, at most every 100 ms:
 * <pre>verify [########............] 41%  11,204/27,000 events  8,120 events/s  about 2 s left</pre>
 * Elsewhere (a log file, a CI job, a pipe) a carriage return would garble the output, so it writes a
 * plain line at most every 5 s:
 * <pre>verify: 11204/27000 events (41%), 8120 events/s, about 2 s left</pre>
 * {@link #finish} writes the final line with the count, the time taken and the average rate:
 * <pre>verify: 27,000 events in 3.3 s, average 8,120 events/s</pre>
 * The rate is the average since the display was created, and the time left assumes it holds; time is
 * read from the clock given, so that a test can drive it. Not thread-safe: one run updates it from one
 * thread.
 */
public final class ProgressBar implements Progress {

    /** How often a terminal line is redrawn at most: often enough to look live, rarely enough to cost nothing. */
    static final Duration TERMINAL_INTERVAL = Duration.ofMillis(100);
    /** How often a plain line is written at most: a log shows the run is alive without filling up. */
    static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);

    private static final int BAR_WIDTH = 20;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final String label;
    private final LongSupplier nanoTime;
    private final long interval;
    private final long start;
    private long lastDrawn;
    private int drawnLength;
    private boolean finished;

    private ProgressBar(PrintWriter out, boolean terminal, String label, LongSupplier nanoTime) {
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
        this.label = Objects.requireNonNull(label, "label");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.interval = (terminal ? TERMINAL_INTERVAL : PLAIN_INTERVAL).toNanos();
        this.start = nanoTime.getAsLong();
        this.lastDrawn = start;
    }

    /**
     * A display writing to {@code out}.
     *
     * @param out      where to write, usually the standard error so that the standard output stays clean
     * @param terminal whether {@code out} is a terminal that understands a carriage return ({@link #terminalAttached()})
     * @param label    what the run is called, first on every line
     * @param nanoTime the clock, in nanoseconds as {@link System#nanoTime()}
     */
    public static ProgressBar forStream(PrintStream out, boolean terminal, String label, LongSupplier nanoTime) {
        return forWriter(new PrintWriter(out), terminal, label, nanoTime);
    }

    /** As {@link #forStream}, for a writer such as a picocli command's error writer. */
    public static ProgressBar forWriter(PrintWriter out, boolean terminal, String label, LongSupplier nanoTime) {
        return new ProgressBar(out, terminal, label, nanoTime);
    }

    /**
     * Whether this process talks to a terminal that can redraw a line: there is a console and
     * {@code TERM} is not {@code dumb}. Java cannot tell whether the standard error alone is
     * redirected, so {@code 2> file} on a terminal still gets the redrawn line.
     */
    public static boolean terminalAttached() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        // From Java 22 on there is a console even when the streams are redirected; Console.isTerminal() then says which.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // before Java 22 a console exists only on a terminal
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Console.isTerminal() exists but cannot be called", e);
        }
    }

    @Override
    public void update(long done, long total) {
        if (finished) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (now - lastDrawn < interval) {
            return;
        }
        lastDrawn = now;
        long elapsed = now - start;
        if (terminal) {
            redraw(bar(done, total) + "  " + count(done, total, true) + " events" + rate(done, elapsed, "  ", true)
                    + timeLeft(done, total, elapsed, "  "));
        } else {
            out.println(label + ": " + count(done, total, false) + " events" + (total > 0 ? " (" + percent(done, total) + "%)" : "")
                    + rate(done, elapsed, ", ", false) + timeLeft(done, total, elapsed, ", "));
            out.flush();
        }
    }

    /**
     * Writes the final line: the count, the time taken and the average rate. On a terminal it replaces
     * the bar. {@code done} is taken as the whole: the total given to {@link #update} may have been an
     * estimate (a log's offsets count transaction markers too), and a run that stopped early (a broken
     * link found) says so in its own output.
     */
    @Override
    public void finish(long done) {
        if (finished) {
            return;
        }
        finished = true;
        long elapsed = nanoTime.getAsLong() - start;
        String summary = number(done, terminal) + (done == 1 ? " event in " : " events in ") + elapsed(elapsed) + average(done, elapsed, terminal);
        if (terminal) {
            redraw(label + ": " + summary);
            out.println();
        } else {
            out.println(label + ": " + summary);
        }
        out.flush();
    }

    /** Writes {@code line} over the one drawn before, blanking what is left of a longer one. */
    private void redraw(String line) {
        String padding = " ".repeat(Math.max(0, drawnLength - line.length()));
        out.print("\r" + line + padding);
        out.flush();
        drawnLength = line.length();
    }

    private String bar(long done, long total) {
        int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / Math.max(1, total));
        return label + " [" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + percent(done, total) + "%";
    }

    private static long percent(long done, long total) {
        return total <= 0 ? 100 : Math.min(100, 100 * done / total);
    }

    private static String count(long done, long total, boolean grouped) {
        return total > 0 ? number(done, grouped) + "/" + number(total, grouped) : number(done, grouped);
    }

    private static String rate(long done, long elapsedNanos, String separator, boolean grouped) {
        return elapsedNanos <= 0 || done <= 0 ? "" : separator + number(perSecond(done, elapsedNanos), grouped) + " events/s";
    }

    private static String average(long done, long elapsedNanos, boolean grouped) {
        return elapsedNanos <= 0 || done <= 0 ? "" : ", average " + number(perSecond(done, elapsedNanos), grouped) + " events/s";
    }

    private static String timeLeft(long done, long total, long elapsedNanos, String separator) {
        if (elapsedNanos <= 0 || done <= 0 || total <= done) {
            return "";
        }
        // At the average rate so far: done events took elapsed, so the rest takes (total - done) / done as long.
        double secondsLeft = (double) (total - done) * elapsedNanos / done / NANOS_PER_SECOND;
        return separator + "about " + roughly(secondsLeft) + " left";
    }

    private static long perSecond(long done, long elapsedNanos) {
        return Math.round((double) done * NANOS_PER_SECOND / elapsedNanos);
    }

    /** A time left, rounded to what a reader can use: seconds up to a minute, then minutes, then hours and minutes. */
    static String roughly(double seconds) {
        if (seconds < 59.5) {
            return Math.max(1, Math.round(Math.ceil(seconds))) + " s";
        }
        long minutes = Math.round(seconds / 60);
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes / 60 + " h " + minutes % 60 + " min";
    }

    /** A time taken: tenths of a second up to a minute, then minutes and seconds, then hours and minutes. */
    static String elapsed(long nanos) {
        double seconds = (double) nanos / NANOS_PER_SECOND;
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long whole = Math.round(seconds);
        if (whole < 3600) {
            return whole / 60 + " min " + whole % 60 + " s";
        }
        return whole / 3600 + " h " + whole % 3600 / 60 + " min";
    }

    private static String number(long n, boolean grouped) {
        return grouped ? String.format(Locale.ROOT, "%,d", n) : Long.toString(n);
    }
}
