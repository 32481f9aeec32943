package io.wirewatch.app.cli;

import io.wirewatch.enrich.stories.StoryWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The story window reaches the enrich service from its option, its variable or --config; the option or variable wins. */
class EnrichCommandTest {

    private static final String ENV = "WIREWATCH_STORIES_WINDOW_MS";

    private static Properties overrides(Map<String, String> env, String... args) {
        return TestEnvironment.parse(new EnrichCommand(), env, args).serviceOverrides();
    }

    @Test
    void theOptionDefaultsToTheVariable() {
        assertThat(StoryWindow.ENV).isEqualTo(ENV);
        assertThat(TestEnvironment.declaredDefault(new EnrichCommand(), "--stories-window-ms")).isEqualTo("${env:" + ENV + "}");
        assertThat(overrides(Map.of(ENV, "7200000")).get(StoryWindow.CONFIG)).isEqualTo("7200000");
        assertThat(overrides(Map.of(ENV, "7200000"), "--stories-window-ms", "10800000").get(StoryWindow.CONFIG))
                .isEqualTo("10800000");
        assertThat(overrides(Map.of(ENV, " ")).get(StoryWindow.CONFIG)).as("blank: unset").isNull();
    }

    @Test
    void theOptionOrVariableWinsOverTheConfigFileWhichStillWorksAlone(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("streams.properties"), StoryWindow.CONFIG + "=86400000\n");
        assertThat(overrides(Map.of(), "--config", file.toString()).get(StoryWindow.CONFIG)).isEqualTo("86400000");
        assertThat(overrides(Map.of(), "--config", file.toString(), "--stories-window-ms", "7200000")
                .get(StoryWindow.CONFIG)).isEqualTo("7200000");
        assertThat(overrides(Map.of(ENV, "10800000"), "--config", file.toString()).get(StoryWindow.CONFIG))
                .isEqualTo("10800000");
    }

    @Test
    void aBadWindowNamesTheOptionTheVariableTheRangeAndTheDefault(@TempDir Path dir) throws Exception {
        String expected = "--stories-window-ms / " + ENV + ": " + StoryWindow.CONFIG + " must be a number of "
                + "milliseconds from 3600000 (an hour) to 31622400000 (366 days); default 604800000 (7 days), not '";
        assertThatThrownBy(() -> overrides(Map.of(), "--stories-window-ms", "60000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(expected + "60000'");
        assertThatThrownBy(() -> overrides(Map.of(ENV, "a week")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(expected + "a week'");
        Path file = Files.writeString(dir.resolve("streams.properties"), StoryWindow.CONFIG + "=60000\n");
        assertThatThrownBy(() -> overrides(Map.of(), "--config", file.toString()))
                .hasMessageStartingWith(StoryWindow.CONFIG + " must be").hasMessageEndingWith("not '60000'");
    }
}
