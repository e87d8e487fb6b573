package io.tidings.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Properties;
import java.util.regex.Pattern;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.InvalidInputException;
import io.tidings.OwnerOnly;
import io.tidings.TidingsHome;
import io.tidings.csv.FileIngestion;
import io.tidings.csv.IngestReport;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Ingests bounces ({@code tidings ingest <file|imaps://host/folder> --kind bounces}):
 * delivery status notifications and complaints (ARF feedback reports) from an
 * {@code .eml} or mbox file, or the new messages of an IMAP mailbox. A file is identified
 * by its content: the same content again changes nothing, and each notification is
 * applied once however many files repeat it.
 */
@Component
public class BounceIngest {

	private static final Logger logger = LoggerFactory.getLogger(BounceIngest.class);

	private static final Pattern QUOTED_FROM = Pattern.compile("^>*From ", Pattern.MULTILINE);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job bounceIngestJob;

	private final TidingsHome home;

	private final BounceSettings settings;

	private final Clock clock;

	private final BounceMailboxes mailboxes;

	BounceIngest(JobOperator jobOperator, JobRepository jobRepository,
			@Qualifier("bounceIngestJob") Job bounceIngestJob, TidingsHome home, BounceSettings settings, Clock clock,
			BounceMailboxes mailboxes) {
		this.mailboxes = mailboxes;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.bounceIngestJob = bounceIngestJob;
		this.home = home;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Whether a source names a mailbox rather than a file.
	 */
	public static boolean isMailbox(String source) {
		return source.startsWith("imap://") || source.startsWith("imaps://");
	}

	/**
	 * Ingests a bounce file.
	 * @throws InvalidInputException when the file cannot be read
	 */
	public IngestReport ingest(Path file) {
		Path input = file.toAbsolutePath().normalize();
		if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
			throw new InvalidInputException(input, "is not a readable file");
		}
		return FileIngestion.run(this.jobOperator, this.jobRepository, this.bounceIngestJob,
				BounceIngestJobConfiguration.BOUNCES_FILE, input, this.home.rejects());
	}

	/**
	 * Ingests the new messages of an IMAP mailbox, those after the last UID ingested from
	 * it (in its current UIDVALIDITY), whether or not someone has read them: they are
	 * saved to an mbox file under {@code inbox/bounces/} (kept, so that nothing fetched
	 * is lost), ingested from there, and only then is their last UID recorded and are
	 * they moved to the processed folder, when one is configured.
	 * @param mailbox {@code imap[s]://[user[:password]@]host[:port][/folder]}; the folder
	 * defaults to INBOX, user and password to {@code tidings.bounces.imap.*}
	 */
	public IngestReport ingestMailbox(URI mailbox) {
		String scheme = mailbox.getScheme();
		if (mailbox.getHost() == null || !("imap".equals(scheme) || "imaps".equals(scheme))) {
			throw new InvalidInputException("'" + redacted(mailbox) + "' is not an imap:// or imaps:// mailbox URL");
		}
		String folderName = (mailbox.getPath() == null || mailbox.getPath().length() <= 1) ? "INBOX"
				: mailbox.getPath().substring(1);
		String user = this.settings.imap().username();
		String password = this.settings.imap().password();
		if (mailbox.getRawUserInfo() != null) {
			String[] info = mailbox.getRawUserInfo().split(":", 2);
			if (!info[0].isEmpty()) {
				user = URLDecoder.decode(info[0], StandardCharsets.UTF_8);
			}
			if (info.length > 1) {
				password = URLDecoder.decode(info[1], StandardCharsets.UTF_8);
			}
		}
		String key = scheme + "://" + ((user != null) ? user + "@" : "") + mailbox.getHost()
				+ ((mailbox.getPort() > 0) ? ":" + mailbox.getPort() : "") + "/" + folderName;
		Properties properties = new Properties();
		// reading a message must not flag it as seen: a person may be reading the mailbox
		properties.put("mail." + scheme + ".peek", "true");
		properties.put("mail." + scheme + ".connectiontimeout", "10000");
		properties.put("mail." + scheme + ".timeout", "30000");
		Session session = Session.getInstance(properties);
		try (Store store = session.getStore(scheme)) {
			store.connect(mailbox.getHost(), mailbox.getPort(), user, password);
			Folder folder = store.getFolder(folderName);
			if (!folder.exists()) {
				throw new InvalidInputException("mailbox folder " + folderName + " does not exist");
			}
			folder.open(Folder.READ_WRITE);
			try {
				if (folder.getMessageCount() == 0) {
					return new IngestReport(true, false, null, 0, 0, 0, null);
				}
				UIDFolder uids = (UIDFolder) folder;
				long validity = uids.getUIDValidity();
				long last = this.mailboxes.lastUid(key, validity);
				Message[] after = uids.getMessagesByUID(last + 1, UIDFolder.MAXUID);
				FetchProfile profile = new FetchProfile();
				profile.add(UIDFolder.FetchProfileItem.UID);
				folder.fetch(after, profile);
				// "n:*" holds the last message even when its UID is below n
				Message[] fresh = Arrays.stream(after)
					.filter(message -> message != null && uid(uids, message) > last)
					.toArray(Message[]::new);
				if (fresh.length == 0) {
					return new IngestReport(true, false, null, 0, 0, 0, null);
				}
				Path file = saveAsMbox(fresh, mailbox.getHost() + "-" + folderName);
				logger.info("Fetched {} new messages from {} into {}", fresh.length, redacted(mailbox), file);
				IngestReport report = ingest(file);
				if (report.completed()) {
					long newest = Arrays.stream(fresh).mapToLong(message -> uid(uids, message)).max().orElse(last);
					this.mailboxes.ingested(key, validity, newest);
					moveToProcessed(store, folder, fresh);
				}
				return report;
			}
			finally {
				folder.close(true);
			}
		}
		catch (MessagingException | UncheckedMessagingException ex) {
			throw new InvalidInputException("cannot read mailbox " + redacted(mailbox) + ": " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new InvalidInputException(
					"cannot save the messages of " + redacted(mailbox) + ": " + ex.getMessage());
		}
	}

	private static long uid(UIDFolder folder, Message message) {
		try {
			return folder.getUID(message);
		}
		catch (MessagingException ex) {
			throw new UncheckedMessagingException(ex);
		}
	}

	/**
	 * Moves the messages (IMAP MOVE where the server has it, else copy and delete), so
	 * that the mailbox shows what is still to come.
	 */
	private void moveToProcessed(Store store, Folder folder, Message[] messages) throws MessagingException {
		String processed = this.settings.imap().processedFolder();
		if (processed == null || processed.isBlank()) {
			return;
		}
		Folder target = store.getFolder(processed);
		if (!target.exists()) {
			target.create(Folder.HOLDS_MESSAGES);
		}
		if (folder instanceof IMAPFolder imap && store instanceof IMAPStore imapStore
				&& imapStore.hasCapability("MOVE")) {
			imap.moveMessages(messages, target);
			return;
		}
		folder.copyMessages(messages, target);
		folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
	}

	private static final class UncheckedMessagingException extends RuntimeException {

		UncheckedMessagingException(MessagingException cause) {
			super(cause.getMessage(), cause);
		}

	}

	private Path saveAsMbox(Message[] messages, String name) throws IOException, MessagingException {
		Path folder = this.home.inbox().resolve("bounces");
		OwnerOnly.folders(folder);
		String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
			.format(this.clock.instant().atZone(java.time.ZoneOffset.UTC));
		Path file = folder.resolve(name.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + stamp + ".mbox");
		Path partial = folder.resolve(file.getFileName() + ".part");
		Files.deleteIfExists(partial);
		Files.createFile(partial, OwnerOnly.file(partial));
		try (OutputStream out = Files.newOutputStream(partial)) {
			for (Message message : messages) {
				ByteArrayOutputStream raw = new ByteArrayOutputStream();
				message.writeTo(raw);
				String text = raw.toString(StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
				out.write("From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n".getBytes(StandardCharsets.US_ASCII));
				out.write(QUOTED_FROM.matcher(text).replaceAll(">$0").getBytes(StandardCharsets.ISO_8859_1));
				out.write(text.endsWith("\n") ? new byte[] { '\n' } : new byte[] { '\n', '\n' });
			}
		}
		Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		return file;
	}

	/** The URL without its password, for messages and logs. */
	private static String redacted(URI mailbox) {
		return mailbox.getScheme() + "://" + mailbox.getHost()
				+ ((mailbox.getPort() > 0) ? ":" + mailbox.getPort() : "")
				+ ((mailbox.getPath() != null) ? mailbox.getPath() : "");
	}

}
