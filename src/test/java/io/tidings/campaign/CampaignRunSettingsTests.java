package io.tidings.campaign;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CampaignRunSettingsTests {

	@Test
	void shouldNameTheSettingAndTheValueThatCannotWork() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings(100, 100, 0))
			.withMessage("tidings.run.delivery-threads must be at least 1, not 0");
		assertThatIllegalArgumentException().isThrownBy(() -> settings(0, 100, 4))
			.withMessage("tidings.run.chunk-size must be at least 1, not 0");
		assertThatIllegalArgumentException().isThrownBy(() -> settings(100, -5, 4))
			.withMessage("tidings.run.delivery-chunk-size must be at least 1, not -5");
	}

	@Test
	void shouldTakeTheDefaults() {
		assertThat(settings(100, 100, 4).deliveryThreads()).isEqualTo(4);
	}

	private static CampaignRunSettings settings(int chunkSize, int deliveryChunkSize, int deliveryThreads) {
		return new CampaignRunSettings(chunkSize, deliveryChunkSize, 3, Duration.ofSeconds(1), 100_000, 0, 0,
				deliveryThreads);
	}

}
