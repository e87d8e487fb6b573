package io.tidings.campaign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.offer.Offer;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CommunicationState;

import org.springframework.stereotype.Component;

/**
 * How many of a dry run's planned documents will be in each language, and where each
 * language came from ({@link DocumentLanguages}), so that whoever approves the run sees
 * how many customers will not get their own language.
 */
@Component
class DocumentLanguageCounts {

	private static final int BATCH = 500;

	private final CommunicationReaders communications;

	private final CustomerRepository customers;

	DocumentLanguageCounts(CommunicationReaders communications, CustomerRepository customers) {
		this.communications = communications;
		this.customers = customers;
	}

	/**
	 * The planned documents of a run by language and source, most first.
	 */
	List<RunReport.LanguageCount> count(CampaignRunContext context) {
		DocumentLanguages languages = DocumentLanguages.of(context.definition());
		Map<DocumentLanguages.Choice, Long> counts = new HashMap<>();
		List<Communication> batch = new ArrayList<>();
		for (Channel channel : Channel.values()) {
			this.communications.forEach(context.run(), channel, CommunicationState.PLANNED, communication -> {
				batch.add(communication);
				if (batch.size() == BATCH) {
					tally(batch, context, languages, counts);
				}
			});
		}
		tally(batch, context, languages, counts);
		return counts.entrySet()
			.stream()
			.map(entry -> new RunReport.LanguageCount(entry.getKey().language(), entry.getKey().source().label(),
					entry.getValue()))
			.sorted(Comparator.comparingLong(RunReport.LanguageCount::count)
				.reversed()
				.thenComparing(RunReport.LanguageCount::language)
				.thenComparing(RunReport.LanguageCount::source))
			.toList();
	}

	private void tally(List<Communication> batch, CampaignRunContext context, DocumentLanguages languages,
			Map<DocumentLanguages.Choice, Long> counts) {
		Map<String, Customer> byId = this.customers
			.findAllById(batch.stream().map(Communication::customerId).distinct().toList());
		for (Communication communication : batch) {
			Customer customer = byId.get(communication.customerId());
			if (customer != null) {
				Offer offer = (communication.offerCode() != null)
						? context.offers().find(communication.offerCode()).orElse(null) : null;
				DocumentLanguages.Choice choice = languages.choose(customer, offer);
				// the locale does not count: one language, one source
				counts.merge(new DocumentLanguages.Choice(choice.language(), java.util.Locale.ROOT, choice.source()),
						1L, Long::sum);
			}
		}
		batch.clear();
	}

}
