package eu.muster.app;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code muster --version}: the build's, from the jar manifest when there is one. */
final class MusterVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Muster.class.getPackage().getImplementationVersion();
        return new String[] {"muster " + (version == null ? "(development build)" : version)};
    }
}
