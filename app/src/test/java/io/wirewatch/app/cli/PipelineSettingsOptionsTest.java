package io.wirewatch.app.cli;

import io.wirewatch.aggregate.status.StatusFoldProcessor;
import io.wirewatch.enrich.stories.StoryWindow;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batch commands take the story window and the decoded budget as the services do, into both applications' properties. */
class PipelineSettingsOptionsTest {

    private static final String[] BOTH = {"--stories-window-ms", "7200000", "--decoded-bytes", "4096"};

    private static void setsBoth(PipelineSettingsOptions settings) {
        Properties p = settings.properties();
        assertThat(p).containsEntry(StoryWindow.CONFIG, "7200000")
                .containsEntry(StatusFoldProcessor.DECODED_BYTES_CONFIG, "4096").hasSize(2);
    }

    private static String[] with(String... args) {
        String[] all = new String[args.length + BOTH.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(BOTH, 0, all, args.length, BOTH.length);
        return all;
    }

    @Test
    void runDemoReplayAndBenchTakeBothOptions() {
        setsBoth(TestEnvironment.parse(new RunCommand(), Map.of(), with("--source", "in", "--out", "out")).settings);
        setsBoth(TestEnvironment.parse(new DemoCommand(), Map.of(), BOTH).settings);
        setsBoth(TestEnvironment.parse(new ReplayCommand(), Map.of(), BOTH).settings);
        setsBoth(TestEnvironment.parse(new BenchCommand(), Map.of(), BOTH).settings);
        setsBoth(TestEnvironment.parse(new BenchLatencyCommand(), Map.of(), BOTH).settings);
    }

    @Test
    void theirDefaultsAreTheVariables() {
        Properties p = TestEnvironment.parse(new DemoCommand(),
                Map.of(StoryWindow.ENV, "10800000", StatusFoldProcessor.DECODED_BYTES_ENV, "0")).settings.properties();
        assertThat(p).containsEntry(StoryWindow.CONFIG, "10800000")
                .containsEntry(StatusFoldProcessor.DECODED_BYTES_CONFIG, "0");
        assertThat(TestEnvironment.parse(new BenchStoriesCommand(), Map.of(StoryWindow.ENV, "10800000"), "a.jsonl", "b.jsonl")
                .storyWindow.applyTo(new Properties())).containsEntry(StoryWindow.CONFIG, "10800000");
    }

    @Test
    void aStreamsPropertyOfTheLatencyBenchWinsOverTheOptions() {
        Properties p = TestEnvironment.parse(new BenchLatencyCommand(), Map.of(),
                with("--streams-property", StoryWindow.CONFIG + "=86400000")).streamsOverrides();
        assertThat(p).containsEntry(StoryWindow.CONFIG, "86400000").containsEntry(StatusFoldProcessor.DECODED_BYTES_CONFIG, "4096");
    }

    @Test
    void aBadValueNamesTheOptionAndVariable() {
        assertThatThrownBy(() -> TestEnvironment.parse(new RunCommand(), Map.of(StatusFoldProcessor.DECODED_BYTES_ENV, "lots"),
                "--source", "in", "--out", "out").settings.properties())
                .hasMessageStartingWith("--decoded-bytes / WIREWATCH_STATUS_DECODED_BYTES: ");
        assertThatThrownBy(() -> TestEnvironment.parse(new BenchCommand(), Map.of(), "--stories-window-ms", "0")
                .settings.properties()).hasMessageStartingWith("--stories-window-ms / WIREWATCH_STORIES_WINDOW_MS: ");
    }
}
