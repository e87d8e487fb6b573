package io.tidings.preference;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tidings.SimulatedClock;
import io.tidings.outbox.Channel;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.DocumentKind;

import static org.assertj.core.api.Assertions.assertThat;

class LinkTokensTests {

	private static final String KEY = "k1-0123456789abcdef0123456789abcdef";

	private static final String NEW_KEY = "k2-fedcba9876543210fedcba9876543210";

	private static final CommunicationId EMAIL = CommunicationId.of("quarterly-statements", "2026-09-30", "T001",
			Channel.EMAIL, DocumentKind.CROSS_SELL);

	private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-10-01T09:00:00Z"));

	@Test
	void shouldNameTheCommunicationInAShortUrlSafeTokenThatRevealsNoCustomer() {
		// given
		LinkTokens tokens = new LinkTokens(List.of(KEY), Duration.ofDays(60), this.clock);
		// when
		String token = tokens.issue(EMAIL);
		// then
		assertThat(token).matches("[A-Za-z0-9_-]{46}").doesNotContain("T001");
		assertThat(tokens.verify(token)).contains(EMAIL);
	}

	@Test
	void shouldRefuseATokenOnceItHasExpired() {
		// given
		LinkTokens tokens = new LinkTokens(List.of(KEY), Duration.ofDays(60), this.clock);
		String token = tokens.issue(EMAIL);
		// when 59 days later, then 60
		this.clock.set(Instant.parse("2026-11-29T09:00:00Z"));
		assertThat(tokens.verify(token)).contains(EMAIL);
		this.clock.set(Instant.parse("2026-11-30T09:00:00Z"));
		// then
		assertThat(tokens.verify(token)).isEmpty();
	}

	@Test
	void shouldRefuseATamperedTokenAndOneSignedWithAnotherKey() {
		// given
		LinkTokens tokens = new LinkTokens(List.of(KEY), Duration.ofDays(60), this.clock);
		String token = tokens.issue(EMAIL);
		String otherCustomer = tokens.issue(CommunicationId.of("quarterly-statements", "2026-09-30", "T002",
				Channel.EMAIL, DocumentKind.CROSS_SELL));
		// when the communication part of one token is swapped for another's, a character
		// is
		// changed, or a different key signed it
		String swapped = otherCustomer.substring(0, 24) + token.substring(24);
		String flipped = token.substring(0, 10) + ((token.charAt(10) == 'A') ? 'B' : 'A') + token.substring(11);
		String foreign = new LinkTokens(List.of("an-attacker-s-own-key-0123456789abcdef"), Duration.ofDays(60),
				this.clock)
			.issue(EMAIL);
		// then
		assertThat(tokens.verify(swapped)).isEmpty();
		assertThat(tokens.verify(flipped)).isEmpty();
		assertThat(tokens.verify(foreign)).isEmpty();
		assertThat(tokens.verify(token + "A")).isEmpty();
		assertThat(tokens.verify("../../etc/passwd")).isEmpty();
		assertThat(tokens.verify("!".repeat(46))).isEmpty();
	}

	@Test
	void shouldRefuseAnotherSpellingOfATokenThatDecodesToTheSameBytes() {
		// given
		LinkTokens tokens = new LinkTokens(List.of(KEY), Duration.ofDays(60), this.clock);
		String token = tokens.issue(EMAIL);
		// when the last character's four unused bits are set (34 bytes in 46 characters)
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		char last = token.charAt(45);
		String respelt = token.substring(0, 45) + alphabet.charAt(alphabet.indexOf(last) | 0b1111);
		// then it decodes to the same bytes, and is refused all the same
		assertThat(Base64.getUrlDecoder().decode(respelt)).isEqualTo(Base64.getUrlDecoder().decode(token));
		assertThat(respelt).isNotEqualTo(token);
		assertThat(tokens.verify(respelt)).isEmpty();
	}

	@Test
	void shouldAcceptLinksOfThePreviousKeyAfterARotationUntilThatKeyIsDropped() {
		// given a link signed before the rotation
		String old = new LinkTokens(List.of(KEY), Duration.ofDays(60), this.clock).issue(EMAIL);
		// when the new key signs and the old one is kept as a previous secret
		LinkTokens rotated = new LinkTokens(List.of(NEW_KEY, KEY), Duration.ofDays(60), this.clock);
		String fresh = rotated.issue(EMAIL);
		// then both work, new links are signed with the new key only
		assertThat(rotated.verify(old)).contains(EMAIL);
		assertThat(rotated.verify(fresh)).contains(EMAIL);
		assertThat(new LinkTokens(List.of(KEY), Duration.ofDays(60), this.clock).verify(fresh)).isEmpty();
		// when the old key is dropped
		LinkTokens retired = new LinkTokens(List.of(NEW_KEY), Duration.ofDays(60), this.clock);
		// then
		assertThat(retired.verify(old)).isEmpty();
		assertThat(retired.verify(fresh)).contains(EMAIL);
	}

}
