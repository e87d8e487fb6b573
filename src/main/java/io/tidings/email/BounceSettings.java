package io.tidings.email;

import jakarta.validation.constraints.Min;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounce handling settings ({@code tidings.bounces.*}).
 *
 * @param softLimit soft bounces (4.x.x) of one address after which it is treated as a
 * hard bounce
 * @param imap the mailbox that receives bounces, for
 * {@code tidings ingest imaps://host/folder --kind bounces}
 */
@Validated
@ConfigurationProperties("tidings.bounces")
public record BounceSettings(@DefaultValue("3") @Min(1) int softLimit, @DefaultValue Imap imap) {

	/**
	 * The bounce mailbox. Values in the URL given to {@code tidings ingest} win over
	 * these.
	 *
	 * @param username login
	 * @param password password (an environment variable, never a file in the repository)
	 * @param processedFolder folder to move ingested messages to (created when missing);
	 * unset: they stay where they are (the mailbox is read from the UID after the last
	 * one ingested, whatever their \Seen flags)
	 */
	public record Imap(@Nullable String username, @Nullable String password, @Nullable String processedFolder) {

	}

}
