package eu.muster.broker;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of the broker's log file, for error messages. */
final class LogTail {

    /** Enough for a stack trace's top, not so much that the message drowns. */
    static final int LINES = 40;

    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    /**
     * A message fragment: "Last lines of FILE:" followed by up to {@code lines} lines, or a note
     * saying why there is nothing to show.
     */
    static String describe(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "The broker log " + file + " does not exist.";
        }
        try {
            List<String> tail = read(file, lines);
            if (tail.isEmpty()) {
                return "The broker log " + file + " is empty.";
            }
            return "Last " + (tail.size() == 1 ? "line" : tail.size() + " lines") + " of " + file + ":\n"
                    + String.join("\n", tail);
        } catch (IOException e) {
            return "The broker log " + file + " could not be read (" + e + ").";
        }
    }

    static List<String> read(Path file, int lines) throws IOException {
        try (RandomAccessFile input = new RandomAccessFile(file.toFile(), "r")) {
            long length = input.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            input.seek(length - size);
            input.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.isEmpty()) {
                return List.of();
            }
            List<String> all = Arrays.asList(text.split("\\R"));
            if (size < length && !all.isEmpty()) {
                // The first line is cut somewhere in the middle.
                all = all.subList(1, all.size());
            }
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }
}
