package io.wirewatch.app.cli;

import picocli.CommandLine.Mixin;

import java.util.Properties;

/**
 * The settings of enrich and aggregate that a batch run (`run`, `demo`, `replay`, `bench`) takes as the services
 * do, each an option with its environment variable as default, as Streams properties for both applications.
 */
final class PipelineSettingsOptions {

    @Mixin StoryWindowOptions storyWindow;
    @Mixin DecodedBytesOptions decodedBytes;

    /** The properties the options (or their variables) set, checked; empty when none is given. */
    Properties properties() {
        return decodedBytes.applyTo(storyWindow.applyTo(new Properties()));
    }
}
