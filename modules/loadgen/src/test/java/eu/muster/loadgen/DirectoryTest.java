package eu.muster.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DirectoryTest {

    @Test
    void theDevelopmentDirectoryIsTheDevelopmentBackbonesOrganisationFile() throws IOException {
        Path file = Path.of(System.getProperty("muster.dev-organisations", "../../deploy/organisations.dev.properties"));
        Properties entries = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            entries.load(reader);
        }
        List<Organisation> registered = new ArrayList<>();
        for (String id : entries.stringPropertyNames()) {
            String[] parts = entries.getProperty(id).strip().split(",");
            if (parts[0].strip().equals("AUDITOR")) {
                continue;  // auditors read and submit nothing
            }
            registered.add(Organisation.newBuilder().setId(id).setRole(OrganisationRole.valueOf(parts[0].strip()))
                    .setMemberState(parts.length > 1 ? parts[1].strip() : null).build());
        }
        assertThat(Directory.development()).isEqualTo(Directory.of(registered));
    }

    @Test
    void withTheDevelopmentDirectoryOnlyGermanyAndFranceRequest() {
        Directory directory = Directory.development();
        assertThat(directory.requestingAuthorities()).extracting(Organisation::getId).containsExactly("de-bsi", "fr-anssi");
        assertThat(directory.mssps()).extracting(Organisation::getId).containsExactly("mssp-baltic", "mssp-nordwind");
        assertThat(directory.csirts()).extracting(Organisation::getId).containsExactly("at-certat", "de-certbund");
        assertThat(directory.enisa()).map(Organisation::getId).contains("enisa");
        assertThat(directory.authoritiesOf("DE")).extracting(Organisation::getId).containsExactly("de-bsi", "de-certbund");
        assertThat(directory.byId("nobody")).isEmpty();
    }

    @Test
    void theOrderGivenDoesNotMatter() {
        List<Organisation> reversed = new ArrayList<>(Directory.development().organisations());
        java.util.Collections.reverse(reversed);
        assertThat(Directory.of(reversed).organisations()).isEqualTo(Directory.development().organisations());
    }

    @Test
    void anIdListedTwiceIsRefused() {
        Organisation bsi = Directory.development().byId("de-bsi").orElseThrow();
        assertThatThrownBy(() -> Directory.of(bsi, bsi)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("de-bsi");
    }

    @Test
    void settingsRefuseADirectoryNobodyCanRequestFrom() {
        Directory providersOnly = Directory.of(Directory.development().mssps());
        assertThatThrownBy(() -> LoadSettings.of(1, 10, java.time.Instant.EPOCH).withDirectory(providersOnly))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request");
    }
}
