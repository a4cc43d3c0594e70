package eu.muster.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.OptionalLong;

/**
 * A process's resident memory as Linux reports it in {@code /proc/<pid>/status}: {@code VmRSS} now,
 * {@code VmHWM} its peak so far. Empty where there is no such file (another system, or the process is gone).
 */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Resident memory now, in bytes. */
    static OptionalLong residentBytes(long pid) {
        return field(pid, "VmRSS:");
    }

    /** The most resident memory the process has had, in bytes. */
    static OptionalLong peakResidentBytes(long pid) {
        return field(pid, "VmHWM:");
    }

    private static OptionalLong field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    // "VmHWM:	  123456 kB"
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            // The process ended between two reads, or this is not Linux: there is no figure, which the caller reports as such.
            return OptionalLong.empty();
        }
    }

    /** The bytes of every regular file under {@code directory}; 0 when it does not exist. */
    static long diskBytes(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        long[] total = {0};
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    total[0] += attributes.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // Kafka and RocksDB delete segments and SST files while we walk: a file gone takes no space.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot measure the disk used under " + directory + ": " + e.getMessage(), e);
        }
        return total[0];
    }

    /**
     * The bytes of each topic's log segments in a broker's data directory, by topic: the records
     * written, partitions summed. Index files are left out: Kafka preallocates them sparse (10 MiB
     * each), so their size says nothing about what was written.
     */
    static Map<String, Long> topicBytes(Path dataDirectory) {
        Map<String, Long> bytes = new HashMap<>();
        try (DirectoryStream<Path> logDirectories = Files.newDirectoryStream(dataDirectory, Files::isDirectory)) {
            for (Path logDirectory : logDirectories) {
                try (DirectoryStream<Path> partitions = Files.newDirectoryStream(logDirectory, Files::isDirectory)) {
                    for (Path partition : partitions) {
                        String name = partition.getFileName().toString();
                        int dash = name.lastIndexOf('-');
                        if (dash > 0 && dash < name.length() - 1 && name.substring(dash + 1).chars().allMatch(Character::isDigit)) {
                            bytes.merge(name.substring(0, dash), segmentBytes(partition), Long::sum);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the topics under " + dataDirectory + ": " + e.getMessage(), e);
        }
        return bytes;
    }

    private static long segmentBytes(Path partition) throws IOException {
        long total = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(partition, "*.log")) {
            for (Path file : files) {
                try {
                    total += Files.size(file);
                } catch (IOException e) {
                    // deleted by retention or compaction while we listed: it no longer takes space
                }
            }
        }
        return total;
    }

    /** The {@code count} largest of {@code topics}, largest first, as "name size" pairs. */
    static String largest(Map<String, Long> topics, int count) {
        return topics.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(count)
                .map(entry -> entry.getKey() + " " + BenchReport.mebibytes(entry.getValue())).collect(Collectors.joining(", "));
    }
}
