package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged jar, when an earlier build made one (surefire runs before packaging). */
class JarTest {

    @Test
    void theJarRunsOnItsOwn() throws Exception {
        Path jar = Path.of("target", "orchestrator.jar");
        assumeTrue(Files.isRegularFile(jar), "no target/orchestrator.jar yet (built by 'package')");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--help").redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).startsWith("Usage: orchestrator").contains("serve");
    }
}
