package io.switchboard.server;

import picocli.CommandLine;

/** The version from the jar's manifest ({@code dev} when run from classes). */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"Switchboard " + (version == null ? "dev" : version)
                + " (Java " + Runtime.version() + ")"};
    }
}
