package io.tidings;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure named by its innermost cause's class and place, never by a message.
 */
class FailuresTests {

	@Test
	void shouldNameTheInnermostCauseByItsClassAndPlaceWithoutItsMessage() {
		// given a failure wrapped twice whose message quotes a customer
		IOException cause = new IOException("no mailbox for zoe@example.com");
		RuntimeException failure = new IllegalStateException("delivery failed",
				new UncheckedIOException("write failed", cause));
		// when
		String place = Failures.place(Failures.rootCause(failure));
		// then
		assertThat(Failures.rootCause(failure)).isSameAs(cause);
		assertThat(place).startsWith("java.io.IOException at io.tidings.FailuresTests.")
			.contains("FailuresTests.java:")
			.doesNotContain("zoe@example.com");
	}

}
