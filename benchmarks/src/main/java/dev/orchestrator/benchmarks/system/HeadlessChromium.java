package dev.orchestrator.benchmarks.system;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The Chromium installed on this machine with its chromedriver (Debian: {@code apt-get install chromium
 * chromium-driver}), started headless for the dashboard section: found the way the CLI's browser tests
 * find it (the same two variables, the same defaults), never downloaded by Selenium Manager.
 */
final class HeadlessChromium {

    static final String BROWSER_VARIABLE = "ORCHESTRATOR_CHROMIUM";
    static final String DRIVER_VARIABLE = "ORCHESTRATOR_CHROMEDRIVER";

    private HeadlessChromium() {
    }

    private static Path browser() {
        return Path.of(setting(BROWSER_VARIABLE, "/usr/bin/chromium"));
    }

    private static Path driver() {
        return Path.of(setting(DRIVER_VARIABLE, "/usr/bin/chromedriver"));
    }

    /** Why no browser can be started here (one line saying how to get one), or {@code null} when one can. */
    static String absence() {
        if (Files.isExecutable(browser()) && Files.isExecutable(driver())) {
            return null;
        }
        return "no Chromium at " + browser() + " with its driver at " + driver() + "; to run it, install them "
                + "(apt-get install -y chromium chromium-driver) or point " + BROWSER_VARIABLE + " and " + DRIVER_VARIABLE
                + " at a browser and its driver";
    }

    /** A new headless browser with an empty profile (no cache, no storage). */
    static ChromeDriver start() {
        String absent = absence();
        if (absent != null) {
            throw new IllegalStateException(absent);
        }
        // Selenium Manager would otherwise try to download a driver: the one given is the one used.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, driver().toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver().toString())).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1100,900", "--no-first-run", "--disable-extensions", "--lang=en-GB");
        options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false));
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return chrome;
    }

    private static String setting(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }
}
