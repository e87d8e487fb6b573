package io.tidings.cli;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.tidings.campaign.RunProgress;

import static org.assertj.core.api.Assertions.assertThat;

class CommandProgressTests {

	@Test
	void shouldDrawABarWhenTheWorkLeftIsKnown() {
		// given the render stage half way
		RunProgress.Stage stage = new RunProgress.Stage("renderDocumentsStep", "STARTED", 1240, 1230, 4, 0,
				Duration.ofSeconds(27), 45.6, 1232L, Duration.ofSeconds(27), true, null);
		// then
		assertThat(CommandProgress.bar(stage)).isEqualTo(
				"renderDocumentsStep [###############...............] 1,234/2,466 50%, 4 skipped 45.6/s ETA 27 s");
	}

	@Test
	void shouldCountWhenTheWorkLeftIsUnknown() {
		// given an import, whose file length is not known
		RunProgress.Stage stage = new RunProgress.Stage("customerImportStep", "STARTED", 5000, 4990, 0, 0,
				Duration.ofSeconds(4), 1250.0, null, null, true, null);
		// then
		assertThat(CommandProgress.bar(stage)).isEqualTo("customerImportStep 5,000 read, 4,990 written 1,250.0/s");
	}

}
