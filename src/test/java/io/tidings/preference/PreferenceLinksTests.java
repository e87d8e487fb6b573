package io.tidings.preference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TidingsHome;
import io.tidings.outbox.Channel;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.DocumentKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PreferenceLinksTests {

	private static final CommunicationId SMS = CommunicationId.of("quarterly-statements", "2026-09-30", "T002",
			Channel.SMS, DocumentKind.CROSS_SELL);

	@TempDir
	Path home;

	@Test
	void shouldGenerateAKeyReadableByItsOwnerOnlyThatLaterProcessesShare() throws Exception {
		// given no configured secret
		Path secrets = this.home.resolve("secrets");
		PreferenceLinks renderer = links(null, secrets);
		// when a run renders a message's links, and serve reads one of them later
		PreferenceLinks.Links links = renderer.linksFor(SMS);
		PreferenceLinks server = links(null, secrets);
		// then
		assertThat(links.preferences()).matches("https://p\\.bank\\.example/p/[A-Za-z0-9_-]{46}");
		assertThat(links.interest()).isEqualTo(links.preferences() + "/interest");
		String token = links.preferences().substring(links.preferences().lastIndexOf('/') + 1);
		assertThat(links.unsubscribe()).isEqualTo("https://p.bank.example/unsubscribe/" + token);
		assertThat(server.verify(token)).contains(SMS);
		Path key = secrets.resolve(PreferenceLinks.SECRET_FILE);
		assertThat(Files.readString(key)).hasSizeGreaterThanOrEqualTo(43);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rwx------");
		// and a home with a key of its own does not accept the link
		assertThat(links(null, this.home.resolve("elsewhere")).verify(token)).isEmpty();
	}

	@Test
	void shouldUseAConfiguredSecretAndRefuseAShortOne() {
		// given
		Path secrets = this.home.resolve("secrets");
		PreferenceLinks configured = links("a-configured-key-0123456789abcdef", secrets);
		// when
		String token = configured.linksFor(SMS).unsubscribe().replaceFirst(".*/", "");
		// then
		assertThat(configured.verify(token)).contains(SMS);
		assertThat(secrets).doesNotExist();
		assertThatIllegalStateException().isThrownBy(() -> links("short", secrets).linksFor(SMS))
			.withMessage("tidings.links.secret must be at least 32 characters long");
	}

	private static PreferenceLinks links(String secret, Path secrets) {
		return new PreferenceLinks(
				new LinkSettings("https://p.bank.example/", secret, List.of(), Duration.ofDays(60), 60),
				new TidingsHome(secrets.getParent(), secrets), Clock.systemUTC());
	}

}
