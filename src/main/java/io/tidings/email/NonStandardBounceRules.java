package io.tidings.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import io.tidings.csv.InvalidRecordException;

/**
 * The rule table for bounces that are not delivery status notifications: mail systems
 * that write what went wrong as plain text (qmail, Exchange, Gmail). A {@link Format}
 * recognises a system's text and finds the failed recipients in it; each recipient's
 * status is the RFC 3463 code its part of the text quotes, else the first {@link Reason}
 * whose words it holds. A text no format recognises, one that names no failed recipient,
 * or a recipient whose status no rule gives is refused with the reason.
 */
final class NonStandardBounceRules {

	private static final String ADDRESS = "[^\\s<>()\\[\\]:;,\"']+@[A-Za-z0-9.-]*[A-Za-z0-9]";

	/**
	 * A mail system's plain-text bounce.
	 *
	 * @param name the system
	 * @param recognisedBy what only its bounces say (matched against
	 * {@code Subject: ...}, a line, then the text)
	 * @param recipient where it names a failed recipient (group 1: the address)
	 * @param returned where the returned message or its headers begin
	 */
	record Format(String name, Pattern recognisedBy, Pattern recipient, Pattern returned) {

	}

	/**
	 * What a failure's words mean when it quotes no RFC 3463 code.
	 *
	 * @param words the words
	 * @param action {@code failed}, or {@code delayed} for a warning while the server
	 * retries
	 * @param status the status they stand for (5.x.x permanent, 4.x.x transient)
	 */
	record Reason(Pattern words, String action, String status) {

	}

	static final List<Format> FORMATS = List.of(
			new Format("qmail", Pattern.compile("^Hi\\. This is the qmail-send program", Pattern.MULTILINE),
					Pattern.compile("^<(" + ADDRESS + ")>:[ \\t]*$", Pattern.MULTILINE),
					Pattern.compile("^--- Below this line is a copy of the message", Pattern.MULTILINE)),
			new Format("Exchange",
					Pattern.compile("Delivery has failed to these recipients or groups:"
							+ "|Your message did not reach some or all of the intended recipients"),
					Pattern.compile("^[ \\t]*(" + ADDRESS + ")(?:[ \\t]*<mailto:[^>]*>)?(?:[ \\t]+on[ \\t].*)?[ \\t]*$",
							Pattern.MULTILINE),
					Pattern.compile("^(?:Original message headers:|-----Original Message-----)", Pattern.MULTILINE)),
			new Format("Gmail", Pattern.compile("^Subject: Delivery Status Notification \\((?:Failure|Delay)\\)"
					+ "|^\\*\\* (?:Address not found|Message not delivered|Message blocked|Delivery incomplete) \\*\\*",
					Pattern.MULTILINE),
					Pattern.compile("(?:delivered to|delivering your message to) (" + ADDRESS + ")"),
					Pattern.compile("^----- Original message -----", Pattern.MULTILINE)));

	/** Delay warnings come first: their texts quote the 4.x.x of the last attempt. */
	static final List<Reason> DELAYS = List.of(new Reason(Pattern.compile(
			"will retry|will keep trying|Delivery incomplete|has been delayed" + "|temporary problem delivering",
			Pattern.CASE_INSENSITIVE), "delayed", "4.0.0"));

	static final List<Reason> REASONS = List.of(
			new Reason(words("user unknown|unknown user|no such user|no mailbox here|does not exist"
					+ "|couldn't be found|address not found|RecipNotFound|mailbox unavailable"
					+ "|account (?:is )?disabled"), "failed", "5.1.1"),
			new Reason(words("mailbox (?:is )?full|over quota|quota exceeded|out of storage space"), "failed", "4.2.2"),
			new Reason(words("message blocked|blocked as spam|rejected as spam|spam detected"), "failed", "5.7.1"),
			new Reason(words("This is a permanent error"), "failed", "5.0.0"));

	private static final Pattern STATUS = Pattern.compile("(?<![\\d.])([245]\\.\\d{1,3}\\.\\d{1,3})(?![\\d.])");

	private static final Pattern REPLY = Pattern.compile("(?<![\\d.])([45])\\d\\d[ -](?=\\D)");

	private NonStandardBounceRules() {
	}

	/**
	 * Reads a message that is not a {@code multipart/report} as a bounce by the rules.
	 * @param type its content type, for the reason it is refused
	 * @throws InvalidRecordException when no rule reads it
	 */
	static DeliveryStatusNotification parse(MailReport.Envelope envelope, MimeMessage message, String type, long line)
			throws MessagingException, IOException {
		ReturnedHeaders[] attached = { ReturnedHeaders.NONE };
		String body = text(message, attached);
		String subject = (message.getSubject() != null) ? message.getSubject() : "";
		String text = (body != null) ? body.replace("\r\n", "\n") : "";
		Format format = FORMATS.stream()
			.filter(candidate -> candidate.recognisedBy().matcher("Subject: " + subject + "\n" + text).find())
			.findFirst()
			.orElseThrow(() -> new InvalidRecordException(line, "Content-Type", "not a delivery status notification: "
					+ "Content-Type is " + type + ", not multipart/report, and no rule for non-standard bounces ("
					+ String.join(", ", FORMATS.stream().map(Format::name).toList()) + ") recognises its text"));
		Matcher returned = format.returned().matcher(text);
		boolean returnedInline = returned.find();
		String explanation = returnedInline ? text.substring(0, returned.start()) : text;
		ReturnedHeaders original = attached[0];
		if (original == ReturnedHeaders.NONE && returnedInline) {
			original = returnedHeaders(text.substring(returned.end()).replaceFirst("^[^\n]*\n", ""));
		}
		Map<String, StringBuilder> sections = sections(format, explanation);
		if (sections.isEmpty()) {
			throw new InvalidRecordException(line, "text",
					"a " + format.name() + " bounce that names no failed recipient");
		}
		List<DeliveryStatusNotification.Recipient> recipients = new ArrayList<>();
		for (Map.Entry<String, StringBuilder> section : sections.entrySet()) {
			recipients.add(recipient(format, section.getKey(), section.getValue().toString(), explanation, line));
		}
		List<String> envelopeIds = (original.returnPath() != null) ? List.of(original.returnPath()) : List.of();
		return new DeliveryStatusNotification(envelope.messageId(), envelope.date(), original, envelopeIds,
				envelope.deliveredTo(), List.copyOf(recipients));
	}

	/**
	 * The text after each mention of a failed recipient, up to the next mention, joined
	 * per address.
	 */
	private static Map<String, StringBuilder> sections(Format format, String explanation) {
		Map<String, StringBuilder> sections = new LinkedHashMap<>();
		Matcher matcher = format.recipient().matcher(explanation);
		List<int[]> mentions = new ArrayList<>();
		List<String> addresses = new ArrayList<>();
		while (matcher.find()) {
			mentions.add(new int[] { matcher.start(), matcher.end() });
			addresses.add(matcher.group(1));
		}
		for (int i = 0; i < mentions.size(); i++) {
			int end = (i + 1 < mentions.size()) ? mentions.get(i + 1)[0] : explanation.length();
			String key = addresses.get(i).toLowerCase(Locale.ROOT);
			sections.computeIfAbsent(key, (address) -> new StringBuilder())
				.append(explanation, mentions.get(i)[1], end)
				.append('\n');
		}
		return sections;
	}

	private static DeliveryStatusNotification.Recipient recipient(Format format, String address, String section,
			String explanation, long line) {
		Optional<Reason> delay = first(DELAYS, section).or(() -> first(DELAYS, explanation));
		Matcher status = STATUS.matcher(section);
		String diagnostic = null;
		Reason reason;
		if (delay.isPresent()) {
			reason = delay.get();
		}
		else if (status.find()) {
			reason = new Reason(STATUS, "failed", status.group(1));
		}
		else {
			Matcher reply = REPLY.matcher(section);
			reason = first(REASONS, section).or(() -> first(REASONS, explanation))
				.or(() -> reply.find() ? Optional.of(new Reason(REPLY, "failed", reply.group(1) + ".0.0"))
						: Optional.empty())
				.orElseThrow(() -> new InvalidRecordException(line, "text", "a " + format.name()
						+ " bounce whose text gives a failed recipient no status: no RFC 3463 code and no rule matches"));
		}
		Matcher quoted = reason.words().matcher(section);
		if (quoted.find()) {
			diagnostic = lineAround(section, quoted.start());
		}
		return new DeliveryStatusNotification.Recipient(address, null, reason.action(), reason.status(), diagnostic,
				null);
	}

	private static Optional<Reason> first(List<Reason> reasons, String text) {
		return reasons.stream().filter(reason -> reason.words().matcher(text).find()).findFirst();
	}

	/** The line of the text that holds a position, trimmed and at most 300 characters. */
	private static String lineAround(String text, int position) {
		int start = text.lastIndexOf('\n', position) + 1;
		int end = text.indexOf('\n', position);
		String line = text.substring(start, (end < 0) ? text.length() : end).strip();
		return (line.length() > 300) ? line.substring(0, 300) : line;
	}

	private static ReturnedHeaders returnedHeaders(String text) {
		try {
			InternetHeaders headers = new InternetHeaders(
					new ByteArrayInputStream(text.stripLeading().getBytes(StandardCharsets.UTF_8)));
			return new ReturnedHeaders(DeliveryStatusNotification.field(headers, "Message-ID"),
					DeliveryStatusNotification.field(headers, "X-Tidings-Communication-Id"),
					DeliveryStatusNotification.field(headers, "Return-Path"));
		}
		catch (MessagingException ex) {
			return ReturnedHeaders.NONE;
		}
	}

	/**
	 * The first plain-text part of a message, noting a returned message or its headers
	 * attached beside it.
	 */
	private static @Nullable String text(Part part, ReturnedHeaders[] attached) throws MessagingException, IOException {
		if (part.isMimeType("text/plain")) {
			Object content = part.getContent();
			return (content instanceof String text) ? text : null;
		}
		if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			String text = null;
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				if (ReturnedHeaders.isReturned(child)) {
					attached[0] = ReturnedHeaders.of(child);
				}
				else if (text == null) {
					text = text(child, attached);
				}
			}
			return text;
		}
		return null;
	}

	private static Pattern words(String regex) {
		return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
	}

}
