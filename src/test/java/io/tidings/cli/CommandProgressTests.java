package io.tidings.cli;

import java.time.Duration;
import java.util.List;

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

	@Test
	void shouldShowStagesRunningAtTheSameTimeOnOneLine() {
		// given delivery and the print streams side by side
		RunProgress.Stage deliver = new RunProgress.Stage("deliverCommunicationsStep", "STARTED", 100, 100, 0, 0,
				Duration.ofSeconds(2), 50.0, 20L, Duration.ofSeconds(0), true, null);
		RunProgress.Stage print = new RunProgress.Stage("printStreamsStep", "STARTED", 0, 0, 0, 0,
				Duration.ofSeconds(2), 0, null, null, true, null);
		// then
		assertThat(CommandProgress.line(List.of(deliver, print)))
			.isEqualTo("deliverCommunicationsStep [#########################.....] 100/120 83% 50.0/s ETA 0 s"
					+ " | printStreamsStep 0 read, 0 written");
	}

}
