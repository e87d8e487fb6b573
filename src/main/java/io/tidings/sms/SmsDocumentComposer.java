package io.tidings.sms;

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
 * anything is sent. Options read: {@value #TO} (E.164 number), {@value #MAX_SEGMENTS}
 * (the campaign's limit on segments, instead of {@code tidings.sms.max-segments}).
 */
@Component
class SmsDocumentComposer implements DocumentComposer {

	static final String TO = "to";

	static final String MAX_SEGMENTS = "max-segments";

	private final TemplateEngine templates;

	private final SmsSettings settings;

	SmsDocumentComposer(TemplateEngine templates, SmsSettings settings) {
		this.templates = templates;
		this.settings = settings;
	}

	@Override
	public Channel channel() {
		return Channel.SMS;
	}

	@Override
	public ComposedDocument compose(Communication communication, DocumentModel model) {
		String body = this.templates.render(model).strip();
		if (body.isEmpty()) {
			throw new DocumentRejectedException("template " + model.template() + " produced an empty SMS");
		}
		SmsEncoding encoding = SmsEncoding.of(body);
		String campaignLimit = model.options().get(MAX_SEGMENTS);
		int limit = (campaignLimit != null) ? Integer.parseInt(campaignLimit) : this.settings.maxSegments();
		if (encoding.segments() > limit) {
			throw new DocumentRejectedException(
					"SMS from template " + model.template() + " needs " + encoding.segments() + " segments ("
							+ encoding.encoding() + ", " + encoding.units() + " units); the limit is " + limit);
		}
		SmsMessage message = new SmsMessage(communication.id().value(), model.requiredOption(TO), body,
				encoding.encoding(), encoding.segments());
		return new ComposedDocument(message.toJson(), "json", null);
	}

}
