package io.tidings.outbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CommunicationIdTests {

	@Test
	void shouldDeriveTheSameIdFromTheSameCommunication() {
		// given
		CommunicationId first = CommunicationId.of("quarterly", "2026-09-30", "C1", Channel.EMAIL,
				DocumentKind.CROSS_SELL);
		// when
		CommunicationId second = CommunicationId.of("quarterly", "2026-09-30", "C1", Channel.EMAIL,
				DocumentKind.CROSS_SELL);
		// then
		assertThat(first).isEqualTo(second);
		assertThat(java.util.UUID.fromString(first.value()).version()).isEqualTo(5);
	}

	@Test
	void shouldDeriveDifferentIdsWhenAnyPartDiffers() {
		CommunicationId base = CommunicationId.of("quarterly", "2026-09-30", "C1", Channel.EMAIL,
				DocumentKind.CROSS_SELL);
		assertThat(CommunicationId.of("other", "2026-09-30", "C1", Channel.EMAIL, DocumentKind.CROSS_SELL))
			.isNotEqualTo(base);
		assertThat(CommunicationId.of("quarterly", "2026-06-30", "C1", Channel.EMAIL, DocumentKind.CROSS_SELL))
			.isNotEqualTo(base);
		assertThat(CommunicationId.of("quarterly", "2026-09-30", "C2", Channel.EMAIL, DocumentKind.CROSS_SELL))
			.isNotEqualTo(base);
		assertThat(CommunicationId.of("quarterly", "2026-09-30", "C1", Channel.SMS, DocumentKind.CROSS_SELL))
			.isNotEqualTo(base);
		assertThat(CommunicationId.of("quarterly", "2026-09-30", "C1", Channel.EMAIL, DocumentKind.STATEMENT))
			.isNotEqualTo(base);
	}

	@Test
	void shouldNotBeFooledBySeparatorsInsideParts() {
		assertThat(CommunicationId.of("a", "b-c", "C1", Channel.PRINT, DocumentKind.STATEMENT))
			.isNotEqualTo(CommunicationId.of("a-b", "c", "C1", Channel.PRINT, DocumentKind.STATEMENT));
	}

	@Test
	void shouldRejectTextThatIsNotAnId() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CommunicationId("not-an-id"));
	}

}
