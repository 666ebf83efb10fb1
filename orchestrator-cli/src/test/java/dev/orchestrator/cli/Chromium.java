package dev.orchestrator.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium for the dashboard's browser tests, through the chromedriver installed beside it
 * (Debian: {@code apt-get install chromium chromium-driver}); never a download by Selenium Manager.
 * Where none is installed the tests are skipped with one line saying how to enable them, except in
 * CI ({@code CI=true}), where a missing browser is a failure.
 */
final class Chromium {

    static final String BROWSER_VARIABLE = "ORCHESTRATOR_CHROMIUM";
    static final String DRIVER_VARIABLE = "ORCHESTRATOR_CHROMEDRIVER";
    static final String HOW_TO_ENABLE = "install it (apt-get install -y chromium chromium-driver) or point "
            + BROWSER_VARIABLE + " and " + DRIVER_VARIABLE + " at a browser and its driver";

    private Chromium() {
    }

    /** A new headless browser, or the test is skipped (failed, in CI) when there is none. */
    static ChromeDriver start() {
        Path browser = Path.of(setting(BROWSER_VARIABLE, "/usr/bin/chromium"));
        Path driver = Path.of(setting(DRIVER_VARIABLE, "/usr/bin/chromedriver"));
        boolean present = Files.isExecutable(browser) && Files.isExecutable(driver);
        if (!present) {
            String missing = "no Chromium at " + browser + " with its driver at " + driver;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("Browser tests cannot run in CI (CI=true): " + missing + "; " + HOW_TO_ENABLE);
            }
            String line = "Browser tests skipped: " + missing + "; to run them, " + HOW_TO_ENABLE + ".";
            System.out.println(line);
            Assumptions.abort(line);
        }
        // Selenium Manager would otherwise try to download a driver: the one given is the one used.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, driver.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver.toString())).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1100,900", "--no-first-run", "--disable-extensions", "--lang=en-GB");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false));
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return chrome;
    }

    private static String setting(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }
}
