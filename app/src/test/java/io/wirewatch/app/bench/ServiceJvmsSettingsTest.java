package io.wirewatch.app.bench;

import io.wirewatch.aggregate.status.StatusFoldProcessor;
import io.wirewatch.enrich.stories.StoryWindow;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's settings reach each service JVM as that service's option, which an inherited variable cannot override. */
class ServiceJvmsSettingsTest {

    @Test
    void eachServiceGetsTheOptionsOfItsOwnSettings() {
        Properties settings = new Properties();
        settings.setProperty(StoryWindow.CONFIG, "7200000");
        settings.setProperty(StatusFoldProcessor.DECODED_BYTES_CONFIG, "4096");
        assertThat(ServiceJvms.settingOptions("enrich", settings)).containsExactly("--stories-window-ms", "7200000");
        assertThat(ServiceJvms.settingOptions("aggregate", settings)).containsExactly("--decoded-bytes", "4096");
        assertThat(ServiceJvms.settingOptions("enrich", new Properties())).isEmpty();
    }
}
