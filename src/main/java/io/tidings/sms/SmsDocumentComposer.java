package io.tidings.sms;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.ComposedDocument;
import io.tidings.outbox.DocumentComposer;
import io.tidings.outbox.DocumentModel;
import io.tidings.outbox.DocumentRejectedException;
import io.tidings.render.TemplateEngine;

import org.springframework.stereotype.Component;

/**
 * Renders an SMS from a text template and works out its encoding and segments before
 * anything is sent. A marketing SMS ends with the stop instruction of the customer's
 * language (added on a line of its own unless the template already ends with it), so no
 * template can leave it out. Options read: {@value #TO} (E.164 number),
 * {@value #MAX_SEGMENTS} (the campaign's limit on segments, instead of
 * {@code tidings.sms.max-segments}).
 */
@Component
class SmsDocumentComposer implements DocumentComposer {

	static final String TO = "to";

	static final String MAX_SEGMENTS = "max-segments";

	/**
	 * Characters of the first and of the last name a dry run assumes for the longest
	 * names its segment check allows for.
	 */
	static final int LONGEST_NAME = 30;

	private final TemplateEngine templates;

	private final SmsSettings settings;

	private final SmsKeywords keywords;

	SmsDocumentComposer(TemplateEngine templates, SmsSettings settings, SmsKeywords keywords) {
		this.templates = templates;
		this.settings = settings;
		this.keywords = keywords;
	}

	@Override
	public Channel channel() {
		return Channel.SMS;
	}

	@Override
	public ComposedDocument compose(Communication communication, DocumentModel model) {
		String body = text(communication, model);
		SmsEncoding encoding = SmsEncoding.of(body);
		int limit = limit(model);
		if (encoding.segments() > limit) {
			throw new DocumentRejectedException(
					"SMS from template " + model.template() + " needs " + encoding.segments() + " segments ("
							+ encoding.encoding() + ", " + encoding.units() + " units); the limit is " + limit);
		}
		SmsMessage message = new SmsMessage(communication.id().value(), model.requiredOption(TO), body,
				encoding.encoding(), encoding.segments());
		return new ComposedDocument(message.toJson(), "json", null);
	}

	/**
	 * Warns when the same SMS to a customer with {@value #LONGEST_NAME}-character first
	 * and last names (in the script of this customer's) would take more segments than the
	 * campaign allows: links have one length, names do not.
	 */
	@Override
	public List<String> proofWarnings(Communication communication, DocumentModel model) {
		SmsEncoding longest = SmsEncoding.of(text(communication, withLongestNames(model)));
		int limit = limit(model);
		if (longest.segments() <= limit) {
			return List.of();
		}
		return List.of("SMS from template " + model.template() + " would need " + longest.segments() + " segments ("
				+ longest.encoding() + ", " + longest.units() + " units) for a customer with " + LONGEST_NAME
				+ "-character names, more than the limit of " + limit
				+ ": shorten the template or the offer's SMS text");
	}

	private String text(Communication communication, DocumentModel model) {
		String body = this.templates.render(model).strip();
		if (body.isEmpty()) {
			throw new DocumentRejectedException("template " + model.template() + " produced an empty SMS");
		}
		if (!communication.kind().legallyRequired()) {
			String stop = this.keywords.stopInstruction(model.locale());
			if (!body.endsWith(stop)) {
				body = body + "\n" + stop;
			}
		}
		return body;
	}

	private int limit(DocumentModel model) {
		String campaignLimit = model.options().get(MAX_SEGMENTS);
		return (campaignLimit != null) ? Integer.parseInt(campaignLimit) : this.settings.maxSegments();
	}

	private static DocumentModel withLongestNames(DocumentModel model) {
		if (!(model.values().get("customer") instanceof Map<?, ?> customer)) {
			return model;
		}
		Map<Object, Object> longer = new HashMap<>(customer);
		String first = longest(String.valueOf(customer.get("firstName")));
		String last = longest(String.valueOf(customer.get("lastName")));
		longer.put("firstName", first);
		longer.put("lastName", last);
		longer.put("fullName", first + " " + last);
		Map<String, Object> values = new HashMap<>(model.values());
		values.put("customer", longer);
		return new DocumentModel(model.templatesRoot(), model.template(), model.locale(), values, model.options(),
				model.attachments());
	}

	/** A name as long as the longest allowed for, made of this name's own letters. */
	private static String longest(String name) {
		String letters = name.isBlank() ? "W" : name.strip();
		return letters.repeat(LONGEST_NAME / letters.length() + 1).substring(0, LONGEST_NAME);
	}

}
