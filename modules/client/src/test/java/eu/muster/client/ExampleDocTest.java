package eu.muster.client;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.client.example.ReserveRequestExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/producer-client.md shows only code that compiles: every Java block is a piece of ReserveRequestExample. */
class ExampleDocTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaBlockOfTheDocIsCopiedFromTheCompiledExample() throws IOException {
        String doc = Files.readString(Path.of(System.getProperty("muster.producer-client-doc")));
        List<String> example = lines(Files.readString(Path.of(System.getProperty("muster.producer-client-example"))));
        Matcher blocks = JAVA_BLOCK.matcher(doc);
        int count = 0;
        while (blocks.find()) {
            List<String> block = lines(blocks.group(1));
            assertThat(Collections.indexOfSubList(example, block))
                    .as("this block of the doc is not in ReserveRequestExample.java:%n%s", blocks.group(1))
                    .isNotNegative();
            count++;
        }
        assertThat(count).as("Java blocks in the doc").isGreaterThanOrEqualTo(6);
    }

    @Test
    void theExamplesProductionSettingsAreAccepted() {
        MusterClientSettings authority = ReserveRequestExample.nationalAuthoritySettings("keystore-secret", "truststore-secret");
        MusterClientSettings provider = ReserveRequestExample.providerSettings("scram-secret");

        assertThat(authority.producerConfig()).containsEntry("security.protocol", "SSL").containsEntry("acks", "all");
        assertThat(authority.submissionTopic()).isEqualTo("submissions.de-bsi");
        assertThat(provider.consumerConfig("1")).containsEntry("security.protocol", "SASL_SSL").containsKey("sasl.jaas.config");
        assertThat(provider.submissionTopic()).isEqualTo("submissions.mssp-nordwind");
    }

    /** Non-blank lines without their indentation. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }
}
