package jp.renkei.hub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    // The tests run in hub-bench/; the repository root is its parent.
    private static final String REPO = Path.of("..").toAbsolutePath().normalize().toString();

    @Test
    void launchesTheWayTheHubLauncherDoesByDefault() {
        assertThat(BenchOptions.parse(new String[] {"--repo", REPO}).launch()).isEqualTo(HubLaunchMode.HUB);
    }

    @Test
    void launchJarMeasuresThePlainExecutableJar() {
        assertThat(BenchOptions.parse(new String[] {"--repo", REPO, "--launch", "jar"}).launch())
                .isEqualTo(HubLaunchMode.JAR);
    }

    @Test
    void anExplicitJarIsLaunchedPlain() {
        BenchOptions options = BenchOptions.parse(new String[] {"--repo", REPO, "--jar", "/tmp/other-exec.jar"});
        assertThat(options.launch()).isEqualTo(HubLaunchMode.JAR);
        assertThat(options.jar()).contains(Path.of("/tmp/other-exec.jar"));
    }

    @Test
    void anUnknownLaunchModeIsAUsageError() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repo", REPO, "--launch", "cds"}))
                .isInstanceOf(BenchOptions.UsageException.class)
                .hasMessageContaining("hub or jar");
    }

    @Test
    void anExplicitJarCannotBeLaunchedAsTheHubLauncherDoes() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repo", REPO, "--jar", "/tmp/x.jar", "--launch", "hub"}))
                .isInstanceOf(BenchOptions.UsageException.class);
    }
}
