package eu.muster.app;

import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Reads the organisation directory file: one {@code <organisation id> = <ROLE>[,<MEMBER STATE>]}
 * per line (see deploy/organisations.dev.properties). Every error names the file, the organisation
 * and what was expected.
 */
final class OrganisationFile {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern MEMBER_STATE = Pattern.compile("[A-Z]{2}");

    private OrganisationFile() {
    }

    static List<Organisation> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(Setting.ORGANISATIONS_FILE.key() + ": organisation directory file " + file + " does not exist");
        }
        Properties entries = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            entries.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read organisation directory file " + file + ": " + e.getMessage(), e);
        }
        List<Organisation> organisations = new ArrayList<>();
        for (String id : entries.stringPropertyNames().stream().sorted().toList()) {
            organisations.add(parse(file, id, entries.getProperty(id)));
        }
        if (organisations.isEmpty()) {
            throw new ConfigException("organisation directory file " + file + " lists no organisation");
        }
        return organisations;
    }

    private static Organisation parse(Path file, String id, String value) {
        String where = file + ", organisation " + id;
        if (!ID.matcher(id).matches()) {
            throw new ConfigException(where + ": an id is lowercase letters, digits and dashes, starting with a letter or digit");
        }
        String[] parts = value.split(",", -1);
        if (parts.length > 2) {
            throw new ConfigException(where + ": expected ROLE or ROLE,MEMBER_STATE, got '" + value + "'");
        }
        OrganisationRole role;
        try {
            role = OrganisationRole.valueOf(parts[0].strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": role '" + parts[0].strip() + "' is not one of " + Arrays.toString(OrganisationRole.values()), e);
        }
        String memberState = parts.length == 2 ? parts[1].strip() : null;
        if (memberState != null && !MEMBER_STATE.matcher(memberState).matches()) {
            throw new ConfigException(where + ": member state '" + memberState + "' is not an ISO 3166-1 alpha-2 code such as DE");
        }
        return Organisation.newBuilder().setId(id).setRole(role).setMemberState(memberState).build();
    }
}
