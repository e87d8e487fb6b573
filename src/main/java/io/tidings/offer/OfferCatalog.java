package io.tidings.offer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.YamlFiles;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerFacts;
import io.tidings.customer.ValueTier;
import io.tidings.outbox.Channel;
import io.tidings.segment.CustomerExpression;

/**
 * The offers of a campaign and the life events their rules use, loaded from an offers
 * file ({@code samples/offers.yml} documents the format). Loading checks every rule and
 * setting and names file, line and key of the first problem, so a run never starts on a
 * broken catalog.
 *
 * @param offers the offers in file order
 * @param lifeEvents life events by name: rules over customer facts
 */
public record OfferCatalog(List<Offer> offers, Map<String, CustomerExpression> lifeEvents) {

	public OfferCatalog {
		offers = List.copyOf(offers);
		lifeEvents = Map.copyOf(lifeEvents);
	}

	public OfferCatalog(List<Offer> offers) {
		this(offers, Map.of());
	}

	/**
	 * The catalog with the job file's ranking for the offers that name none.
	 */
	public OfferCatalog withDefaultRanking(Ranking jobRanking) {
		return new OfferCatalog(this.offers.stream().map(offer -> offer.withDefaultRanking(jobRanking)).toList(),
				this.lifeEvents);
	}

	public Optional<Offer> find(String code) {
		return this.offers.stream().filter(offer -> offer.code().equals(code)).findFirst();
	}

	/**
	 * A customer's facts with the value tier of the run and the life events of this
	 * catalog.
	 */
	public Map<String, Object> facts(Customer customer, LocalDate asOf, ValueTier tier) {
		return facts(customer, asOf, tier, ProductAssociations.Affinities.NONE);
	}

	/**
	 * A customer's facts with the value tier of the run, the product affinities mined
	 * from holdings, and the life events of this catalog.
	 */
	public Map<String, Object> facts(Customer customer, LocalDate asOf, ValueTier tier,
			ProductAssociations.Affinities affinities) {
		Map<String, Object> facts = CustomerFacts.withAffinity(CustomerFacts.of(customer, asOf, tier),
				affinities.of(customer.holdings()));
		if (this.lifeEvents.isEmpty()) {
			return facts;
		}
		Map<String, Boolean> events = new LinkedHashMap<>();
		this.lifeEvents.forEach((name, rule) -> {
			try {
				events.put(name, rule.test(facts));
			}
			catch (IllegalArgumentException ex) {
				events.put(name, false);
			}
		});
		return CustomerFacts.withEvents(facts, events);
	}

	/**
	 * Loads and checks an offers file.
	 * @throws InvalidInputException naming the file, line and field
	 */
	public static OfferCatalog load(Path file) {
		OffersFile parsed = YamlFiles.read(file, OffersFile.class, "offers.schema.json");
		if (parsed.offers() == null || parsed.offers().isEmpty()) {
			throw new InvalidInputException(file, "no offers: the file needs an 'offers' list");
		}
		Map<String, CustomerExpression> events = new LinkedHashMap<>();
		if (parsed.lifeEvents() != null) {
			parsed.lifeEvents().forEach((name, rule) -> {
				if (!name.matches("[a-z0-9-]{1,40}")) {
					throw invalid(file, "life-events." + name,
							"a life event name is lower-case letters, digits, dashes");
				}
				events.put(name, expression(file, "life-events." + name, rule));
			});
		}
		List<Offer> offers = new ArrayList<>();
		Set<String> codes = new HashSet<>();
		for (int index = 0; index < parsed.offers().size(); index++) {
			Offer offer = parsed.offers().get(index).toOffer(file, "offers[" + index + "]");
			if (!codes.add(offer.code())) {
				throw invalid(file, "offers[" + index + "].code", "offer " + offer.code() + " is defined twice");
			}
			offers.add(offer);
		}
		return new OfferCatalog(offers, events);
	}

	private static CustomerExpression expression(Path file, String key, @Nullable String rule) {
		if (rule == null || rule.isBlank()) {
			throw invalid(file, key, "a rule is required");
		}
		try {
			return CustomerExpression.parse(rule);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(file, key, ex.getMessage());
		}
	}

	private static InvalidInputException invalid(Path file, String key, @Nullable String reason) {
		return new InvalidInputException(file, YamlFiles.lineOf(file, key), key, String.valueOf(reason));
	}

	private record OffersFile(@Nullable Map<String, String> lifeEvents, @Nullable List<OfferEntry> offers) {
	}

	private record OfferEntry(@Nullable String code, @Nullable String name, @Nullable Integer priority,
			@Nullable Double margin, @Nullable String eligibility, @Nullable List<String> channels,
			@Nullable LocalDate validFrom, @Nullable LocalDate validTo, @Nullable Integer maxVolume,
			@Nullable Double budget, @Nullable Double costPerContact, @Nullable String model,
			@Nullable Map<String, ContentEntry> content, @Nullable String ranking) {

		Offer toOffer(Path file, String where) {
			if (this.code == null || !this.code.matches("[A-Z0-9_]{1,40}")) {
				throw invalid(file, where + ".code", "offer code '" + this.code + "' must be 1-40 of A-Z, 0-9, _");
			}
			if (this.name == null) {
				throw invalid(file, where + ".name", "required");
			}
			CustomerExpression rule = expression(file, where + ".eligibility", this.eligibility);
			if (this.content == null || this.content.isEmpty()) {
				throw invalid(file, where + ".content", "needs at least one language");
			}
			if (this.maxVolume != null && this.maxVolume < 1) {
				throw invalid(file, where + ".max-volume", "must be at least 1 (leave it out for no cap)");
			}
			if (this.budget != null && (this.budget <= 0 || this.costPerContact == null || this.costPerContact <= 0)) {
				throw invalid(file, where + ".budget", "a budget above 0 needs a cost-per-contact above 0");
			}
			if (this.validFrom != null && this.validTo != null && this.validTo.isBefore(this.validFrom)) {
				throw invalid(file, where + ".valid-to", "is before valid-from");
			}
			Set<Channel> allowed = EnumSet.allOf(Channel.class);
			if (this.channels != null) {
				allowed = EnumSet.noneOf(Channel.class);
				for (String channel : this.channels) {
					try {
						allowed.add(Channel.valueOf(channel.toUpperCase(Locale.ROOT)));
					}
					catch (IllegalArgumentException ex) {
						throw invalid(file, where + ".channels",
								"unknown channel '" + channel + "' (print, email, sms)");
					}
				}
			}
			ModelSpec spec = ModelSpec.defaults();
			if (this.model != null) {
				Path modelFile = file.toAbsolutePath().getParent().resolve(this.model).normalize();
				if (!Files.isRegularFile(modelFile)) {
					throw invalid(file, where + ".model", modelFile + " does not exist");
				}
				spec = ModelSpec.load(modelFile);
			}
			Ranking rankedBy = null;
			if (this.ranking != null) {
				rankedBy = Ranking.parse(this.ranking)
					.orElseThrow(() -> invalid(file, where + ".ranking",
							"'" + this.ranking + "' is not a ranking (expected-value or uplift)"));
			}
			Map<String, OfferContent> texts = new LinkedHashMap<>();
			this.content.forEach(
					(language, entry) -> texts.put(language, entry.toContent(file, where + ".content." + language)));
			return new Offer(this.code, this.name, (this.priority != null) ? this.priority : 0,
					(this.margin != null) ? this.margin : 1.0, rule, allowed, this.validFrom, this.validTo, texts,
					this.maxVolume, this.budget, (this.costPerContact != null) ? this.costPerContact : 0, spec,
					rankedBy);
		}

	}

	private record ContentEntry(@Nullable String headline, @Nullable String body, @Nullable String callToAction,
			@Nullable String sms) {

		OfferContent toContent(Path file, String where) {
			if (this.headline == null || this.body == null || this.callToAction == null || this.sms == null) {
				throw invalid(file, where, "content needs 'headline', 'body', 'call-to-action' and 'sms'");
			}
			return new OfferContent(this.headline, this.body, this.callToAction, this.sms);
		}

	}

}
