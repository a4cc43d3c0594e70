package eu.muster.pki;

import java.util.regex.Pattern;

/**
 * The form of an organisation id, as the organisation directory defines it: lowercase letters,
 * digits and dashes, starting with a letter or digit. Certificates and tokens are held to the same
 * form, so that what they name can only ever be looked up in the directory, and so that an id is a
 * safe file name in {@code clients/}.
 */
final class OrganisationIds {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private OrganisationIds() {
    }

    static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** {@code id}, or an IllegalArgumentException saying what an id looks like. */
    static String require(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("'" + id + "' is not an organisation id: lowercase letters, digits and dashes, "
                    + "starting with a letter or digit");
        }
        return id;
    }
}
