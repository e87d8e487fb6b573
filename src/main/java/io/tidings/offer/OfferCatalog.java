package io.tidings.offer;

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
import io.tidings.outbox.Channel;
import io.tidings.segment.CustomerExpression;

/**
 * The offers of a campaign, loaded from an offers file ({@code samples/offers.yml}
 * documents the format). Loading checks every offer, so a run never starts on a broken
 * catalog.
 *
 * @param offers the offers in file order
 */
public record OfferCatalog(List<Offer> offers) {

	public OfferCatalog {
		offers = List.copyOf(offers);
	}

	public Optional<Offer> find(String code) {
		return this.offers.stream().filter(offer -> offer.code().equals(code)).findFirst();
	}

	/**
	 * Loads and checks an offers file.
	 * @throws InvalidInputException naming the file, line and field
	 */
	public static OfferCatalog load(Path file) {
		OffersFile parsed = YamlFiles.read(file, OffersFile.class);
		if (parsed.offers() == null || parsed.offers().isEmpty()) {
			throw new InvalidInputException(file, "no offers: the file needs an 'offers' list");
		}
		List<Offer> offers = new ArrayList<>();
		Set<String> codes = new HashSet<>();
		for (OfferEntry entry : parsed.offers()) {
			Offer offer = entry.toOffer(file);
			if (!codes.add(offer.code())) {
				throw new InvalidInputException(file, "offer " + offer.code() + " is defined twice");
			}
			offers.add(offer);
		}
		return new OfferCatalog(offers);
	}

	private record OffersFile(@Nullable List<OfferEntry> offers) {
	}

	private record OfferEntry(@Nullable String code, @Nullable String name, @Nullable Integer priority,
			@Nullable Double margin, @Nullable String eligibility, @Nullable List<String> channels,
			@Nullable LocalDate validFrom, @Nullable LocalDate validTo, @Nullable Map<String, ContentEntry> content) {

		Offer toOffer(Path file) {
			if (this.code == null || !this.code.matches("[A-Z0-9_]{1,40}")) {
				throw new InvalidInputException(file, "offer code '" + this.code + "' must be 1-40 of A-Z, 0-9, _");
			}
			String where = "offer " + this.code + ": ";
			if (this.name == null || this.eligibility == null) {
				throw new InvalidInputException(file, where + "'name' and 'eligibility' are required");
			}
			if (this.content == null || this.content.isEmpty()) {
				throw new InvalidInputException(file, where + "'content' needs at least one language");
			}
			CustomerExpression rule;
			try {
				rule = CustomerExpression.parse(this.eligibility);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException(file, where + "eligibility: " + ex.getMessage());
			}
			Set<Channel> allowed = EnumSet.allOf(Channel.class);
			if (this.channels != null) {
				allowed = EnumSet.noneOf(Channel.class);
				for (String channel : this.channels) {
					try {
						allowed.add(Channel.valueOf(channel.toUpperCase(Locale.ROOT)));
					}
					catch (IllegalArgumentException ex) {
						throw new InvalidInputException(file,
								where + "unknown channel '" + channel + "' (print, email, sms)");
					}
				}
			}
			Map<String, OfferContent> texts = new LinkedHashMap<>();
			this.content.forEach((language, entry) -> texts.put(language, entry.toContent(file, where + language)));
			return new Offer(this.code, this.name, (this.priority != null) ? this.priority : 0,
					(this.margin != null) ? this.margin : 1.0, rule, allowed, this.validFrom, this.validTo, texts);
		}

	}

	private record ContentEntry(@Nullable String headline, @Nullable String body, @Nullable String callToAction,
			@Nullable String sms) {

		OfferContent toContent(Path file, String where) {
			if (this.headline == null || this.body == null || this.callToAction == null || this.sms == null) {
				throw new InvalidInputException(file,
						where + ": content needs 'headline', 'body', 'call-to-action' and 'sms'");
			}
			return new OfferContent(this.headline, this.body, this.callToAction, this.sms);
		}

	}

}
