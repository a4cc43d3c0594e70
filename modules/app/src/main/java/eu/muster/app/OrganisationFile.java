package eu.muster.app;

import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.gateway.Authenticator;
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
 * per line (see deploy/organisations.dev.properties), where the role {@code AUDITOR} names an
 * auditor, who reads everything and writes nothing. Every error names the file, the organisation
 * and what was expected.
 */
final class OrganisationFile {

    /** The role that makes an entry an auditor rather than an organisation that submits. */
    static final String AUDITOR = "AUDITOR";

    /**
     * What the file lists.
     *
     * @param organisations the organisations that submit, by id
     * @param auditors      the auditors' ids
     */
    record Entries(List<Organisation> organisations, List<String> auditors) {
    }

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern MEMBER_STATE = Pattern.compile("[A-Z]{2}");

    private OrganisationFile() {
    }

    static Entries read(Path file) {
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
        List<String> auditors = new ArrayList<>();
        for (String id : entries.stringPropertyNames().stream().sorted().toList()) {
            if (id.equals(Authenticator.INSTANCE)) {
                throw new ConfigException(file + ", organisation " + id + ": the id is reserved for muster's own instances");
            }
            if (entries.getProperty(id).strip().equalsIgnoreCase(AUDITOR)) {
                checkId(file + ", auditor " + id, id);
                auditors.add(id);
            } else {
                organisations.add(parse(file, id, entries.getProperty(id)));
            }
        }
        if (organisations.isEmpty()) {
            throw new ConfigException("organisation directory file " + file + " lists no organisation");
        }
        return new Entries(List.copyOf(organisations), List.copyOf(auditors));
    }

    private static void checkId(String where, String id) {
        if (!ID.matcher(id).matches()) {
            throw new ConfigException(where + ": an id is lowercase letters, digits and dashes, starting with a letter or digit");
        }
    }

    private static Organisation parse(Path file, String id, String value) {
        String where = file + ", organisation " + id;
        checkId(where, id);
        String[] parts = value.split(",", -1);
        if (parts.length > 2) {
            throw new ConfigException(where + ": expected ROLE or ROLE,MEMBER_STATE, got '" + value + "'");
        }
        OrganisationRole role;
        try {
            role = OrganisationRole.valueOf(parts[0].strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": role '" + parts[0].strip() + "' is not one of " + Arrays.toString(OrganisationRole.values())
                    + " or " + AUDITOR, e);
        }
        String memberState = parts.length == 2 ? parts[1].strip() : null;
        if (memberState != null && !MEMBER_STATE.matcher(memberState).matches()) {
            throw new ConfigException(where + ": member state '" + memberState + "' is not an ISO 3166-1 alpha-2 code such as DE");
        }
        return Organisation.newBuilder().setId(id).setRole(role).setMemberState(memberState).build();
    }
}
