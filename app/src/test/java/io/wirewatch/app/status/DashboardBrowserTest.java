package io.wirewatch.app.status;

import io.wirewatch.app.broker.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard end to end: the aggregate service on a real broker serves it, headless Chromium
 * renders it, and the test reads what a user would see. Skips only when chromium or chromedriver
 * is not installed (CI installs both: {@code .ci/run}).
 */
class DashboardBrowserTest {

    @TempDir
    static Path dir;

    private static Cluster cluster;
    private static AggregateInstances app;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> chromium = executable("chromium", "chromium-browser", "google-chrome");
        Optional<Path> driver = executable("chromedriver");
        assumeTrue(chromium.isPresent() && driver.isPresent(),
                "SKIPPED: headless Chromium is not installed (need chromium and chromedriver on PATH; "
                        + "apt-get install chromium chromium-driver, as .ci/run does)");
        cluster = Cluster.open(null, 2, (short) 1);
        app = AggregateInstances.start(cluster.bootstrap(), dir.resolve("state"), 1);
        AggregateInstances.publish(cluster.bootstrap());
        app.await(0, "/api/organizations", r -> r.statusCode() == 200
                && r.body().split("\"id\"").length - 1 == AggregateInstances.ORGS.size(), Duration.ofSeconds(120));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Optional<Path> executable(String... names) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(names).flatMap(n -> Stream.of(path.split(java.io.File.pathSeparator)).map(d -> Path.of(d, n)))
                .filter(Files::isExecutable).findFirst();
    }

    private static void open(String query) {
        browser.get("http://127.0.0.1:" + app.port(0) + "/" + query);
        awaitReady();
    }

    private static void awaitReady() {
        wait.until(d -> "ready".equals(d.findElement(By.tagName("body")).getAttribute("data-state")));
    }

    private static WebElement row(String code) {
        return browser.findElement(By.cssSelector("tr.jurisdiction-row[data-code='" + code + "']"));
    }

    @Test
    void listsEveryOrganizationAndShowsATableWithTimelineAndEvidenceLinks() {
        open("");
        List<WebElement> items = browser.findElements(By.cssSelector("#org-list li.org-item"));
        assertThat(items).extracting(e -> e.getAttribute("data-id"))
                .containsExactlyInAnyOrderElementsOf(AggregateInstances.ORGS);

        browser.findElement(By.cssSelector("#org-list li[data-id='red-lantern'] a")).click();
        wait.until(ExpectedConditions.textToBe(By.id("org-name"), "Red Lantern Front"));
        awaitReady();
        assertThat(browser.getCurrentUrl()).contains("org=red-lantern");

        WebElement xa = row("XA");
        assertThat(xa.getAttribute("data-status")).isEqualTo("DELISTED");
        assertThat(xa.findElement(By.cssSelector("td.since")).getText()).isEqualTo("2025-04-17");
        assertThat(xa.findElement(By.cssSelector("td.sources")).getText()).isEqualTo("2");
        assertThat(xa.findElements(By.cssSelector("li.timeline-entry"))).extracting(e -> e.getAttribute("data-status"))
                .containsExactly("DESIGNATED", "DELISTING_PENDING", "DELISTED");
        assertThat(xa.findElements(By.cssSelector("li.timeline-entry"))).extracting(e -> e.getAttribute("data-since"))
                .containsExactly("2003", "2025-04-08", "2025-04-17");
        assertThat(row("UN").findElement(By.cssSelector("td.list")).getText()).isEqualTo("sanctions");

        List<WebElement> links = browser.findElements(By.cssSelector("tr.evidence-row[data-evidence-for='XA'] a.evidence-link"));
        assertThat(links).extracting(e -> e.getAttribute("href")).contains(
                "https://north-herald.example/news/art-01", "https://south-wire.example/news/art-02",
                "https://east-post.example/news/art-03");
        assertThat(browser.findElement(By.cssSelector("tr.evidence-row[data-evidence-for='XA']")).getText())
                .contains("On April 17 a court in Xland lifted the ban on the front.");
    }

    @Test
    void theAsOfFormShowsTheTableAsItStoodThen() {
        open("?org=red-lantern");
        WebElement input = browser.findElement(By.id("as-of"));
        input.clear();
        input.sendKeys("2025-04-10");
        browser.findElement(By.id("as-of-apply")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("as-of-banner")));
        awaitReady();
        assertThat(browser.findElement(By.id("as-of-banner")).getText()).contains("2025-04-10");
        assertThat(row("XA").getAttribute("data-status")).isEqualTo("DELISTING_PENDING");
        assertThat(browser.getCurrentUrl()).contains("asOf=2025-04-10");

        input = browser.findElement(By.id("as-of"));
        input.clear();
        input.sendKeys("April");
        browser.findElement(By.id("as-of-apply")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("as-of-error")));
        assertThat(browser.findElement(By.id("as-of-error")).getText()).contains("YYYY");

        browser.findElement(By.id("as-of-clear")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("as-of-banner")));
        awaitReady();
        assertThat(row("XA").getAttribute("data-status")).isEqualTo("DELISTED");
    }

    @Test
    void searchFiltersTheListAndAnUnknownOrganizationSaysSo() {
        open("");
        browser.findElement(By.id("org-search")).sendKeys("cartel");
        assertThat(browser.findElements(By.cssSelector("#org-list li.org-item")))
                .extracting(e -> e.getAttribute("data-id")).containsExactly("coastal-cartel");

        open("?org=no-such-group");
        WebElement message = browser.findElement(By.id("message"));
        assertThat(message.isDisplayed()).isTrue();
        assertThat(message.getText()).contains("No status table").contains("no-such-group");
    }
}
