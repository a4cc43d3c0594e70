package eu.muster.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a broker configuration in {@code java.util.Properties} file syntax, keeping the given order. */
final class ServerPropertiesFile {

    private ServerPropertiesFile() {
    }

    /** Writes {@code properties} to {@code file}, replacing it. */
    static void write(Path file, Map<String, String> properties) throws IOException {
        Files.writeString(file, render(properties), StandardCharsets.UTF_8);
    }

    /** The file content: a header, then one {@code key=value} line per property. */
    static String render(Map<String, String> properties) {
        StringBuilder text = new StringBuilder()
                .append("# Written by muster's EmbeddedBroker on every start; edits here are overwritten.\n")
                .append("# Change BrokerSettings instead.\n");
        properties.forEach((key, value) -> text.append(escape(key, true)).append('=').append(escape(value, false)).append('\n'));
        return text.toString();
    }

    /**
     * Escapes what Properties.load would otherwise misread: backslashes (Windows paths), leading
     * blanks, and in keys the separators. Colons in values (listener URLs) need no escaping.
     */
    private static String escape(String text, boolean key) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean leadingBlank = i == 0 && (c == ' ' || c == '\t' || c == '\f');
            boolean special = c == '\\' || (key && (c == '=' || c == ':' || c == ' ' || c == '#' || c == '!'));
            if (leadingBlank || special) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
