package eu.muster.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Every random choice of the generator, drawn from a seeded {@link SplittableRandom} and nothing
 * else: no {@code UUID.randomUUID()}, no wall clock, no iteration over hash-ordered sets (whose order
 * changes from one JVM to the next), so that a seed gives the same traffic on every run.
 */
final class Dice {

    private Dice() {
    }

    /** A version-4 UUID in canonical lower-case form, drawn from {@code random}. */
    static String uuid(SplittableRandom random) {
        long high = random.nextLong();
        long low = random.nextLong();
        high = (high & ~0xF000L) | 0x4000L;                        // version 4
        low = (low & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // the IETF variant
        return new UUID(high, low).toString();
    }

    /** True with probability {@code p}. */
    static boolean chance(SplittableRandom random, double p) {
        return random.nextDouble() < p;
    }

    /** A whole number in [min, max]. */
    static long between(SplittableRandom random, long min, long max) {
        return min == max ? min : random.nextLong(min, max + 1);
    }

    /** A whole number in [min, max]. */
    static int between(SplittableRandom random, int min, int max) {
        return min == max ? min : random.nextInt(min, max + 1);
    }

    /** One element of a non-empty list. */
    static <T> T pick(SplittableRandom random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** One element of a non-empty array. */
    @SafeVarargs
    static <T> T pick(SplittableRandom random, T... from) {
        return from[random.nextInt(from.length)];
    }

    /** {@code count} distinct elements of the list (fewer if it is shorter), in the list's order. */
    static <T> List<T> some(SplittableRandom random, List<T> from, int count) {
        if (count >= from.size()) {
            return List.copyOf(from);
        }
        // Selection sampling: one pass, keeps the list's order, draws exactly count elements.
        List<T> chosen = new ArrayList<>(count);
        int needed = count;
        for (int i = 0; i < from.size() && needed > 0; i++) {
            if (random.nextInt(from.size() - i) < needed) {
                chosen.add(from.get(i));
                needed--;
            }
        }
        return List.copyOf(chosen);
    }
}
