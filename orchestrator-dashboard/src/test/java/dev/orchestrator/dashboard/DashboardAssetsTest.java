package dev.orchestrator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DashboardAssetsTest {

    /** The budget for everything the browser downloads to run the dashboard, uncompressed. */
    private static final int BUDGET_BYTES = 200 * 1024;
    private static final Path SOURCE = Path.of("src/main/resources/dev/orchestrator/dashboard/assets");

    private final DashboardAssets assets = DashboardAssets.load();

    @Test
    void theShippedScriptsAndStylesheetStayWithinTheBudget() {
        long total = assets.all().stream().filter(a -> a.name().endsWith(".js") || a.name().endsWith(".css"))
                .mapToLong(a -> a.body().length).sum();
        System.out.println("dashboard JS+CSS: " + total + " bytes of " + BUDGET_BYTES);
        assertThat(total).isPositive().isLessThanOrEqualTo(BUDGET_BYTES);
    }

    @Test
    void everyFileInTheAssetDirectoryIsListedAndServedNothingElse() throws IOException {
        try (Stream<Path> files = Files.list(SOURCE)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .as("a file not in FILES would ship without being served or counted")
                    .containsExactlyInAnyOrderElementsOf(DashboardAssets.FILES);
        }
        assertThat(assets.find("/").orElseThrow().name()).isEqualTo("index.html");
        assertThat(assets.find("/sign-in").orElseThrow().isPage()).isTrue();
        assertThat(assets.find("/dashboard/app.js").orElseThrow().contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(assets.find("/dashboard/app.css").orElseThrow().contentType()).isEqualTo("text/css; charset=utf-8");
        assertThat(assets.find("/dashboard/index.html")).isEmpty();
        assertThat(assets.find("/dashboard/../DashboardAssets.class")).isEmpty();
        assertThat(assets.find("/dashboard/")).isEmpty();
        assertThat(assets.find("/app.js")).isEmpty();
        assertThat(assets.find(null)).isEmpty();
    }

    @Test
    void everyImportedModuleShipsAndNoScriptParsesDataAsHtml() {
        Pattern imports = Pattern.compile("from '\\./([a-z-]+\\.js)'");
        for (DashboardAsset asset : assets.all()) {
            String text = new String(asset.body(), StandardCharsets.UTF_8);
            if (asset.name().endsWith(".js")) {
                // text goes in through text nodes (dom.js); these would parse it as markup or run it as code
                assertThat(text).as(asset.name()).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML",
                        "document.write", "eval(", "new Function");
                Matcher m = imports.matcher(text);
                while (m.find()) {
                    assertThat(DashboardAssets.FILES).as(asset.name() + " imports " + m.group(1)).contains(m.group(1));
                }
            }
        }
        String page = new String(assets.find("/").orElseThrow().body(), StandardCharsets.UTF_8);
        // the Content-Security-Policy allows no inline script or style: the page must need none
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(page).find()).as("an inline <script>").isFalse();
        assertThat(page).doesNotContain("<style", " style=", " onload=", " onclick=");
        assertThat(DashboardAssets.CONTENT_SECURITY_POLICY).contains("script-src 'self'").doesNotContain("unsafe-inline",
                "unsafe-eval");
    }

    @Test
    void assetsCannotBeChangedThroughWhatTheyHandOut() {
        DashboardAsset page = assets.find("/").orElseThrow();
        byte[] body = page.body();
        body[0] = 'X';
        assertThat(assets.find("/").orElseThrow().body()[0]).isEqualTo((byte) '<');
    }
}
