package io.tidings.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.campaign.AudienceRepository;
import io.tidings.offer.CandidateFigures;
import io.tidings.offer.PropensityModel;
import io.tidings.offer.PropensityModels;
import io.tidings.outbox.CampaignFigures;
import io.tidings.outbox.CampaignFigures.CrossSellContact;
import io.tidings.outbox.CommunicationState;
import io.tidings.response.ContactResponse;
import io.tidings.response.ContactResponseRepository;

import org.springframework.stereotype.Component;

/**
 * Builds campaign reports from what the ledger, the responses and the audiences of a
 * campaign hold, each asked of the module that owns it. A read model: it changes nothing.
 * Counts are made by the database; response rates and lift go through the campaign's
 * cross-sell contacts a customer batch at a time, so a report over millions of
 * communications holds only its totals and one batch in memory.
 */
@Component
public class CampaignReports {

	private static final int BATCH = 500;

	private static final Map<String, Function<CrossSellContact, @Nullable String>> DIMENSIONS = new TreeMap<>(
			Map.of("offer", CrossSellContact::offerCode, "variant", CrossSellContact::variant, "tier",
					CrossSellContact::valueTier, "channel", (contact) -> lower(contact.channel().name())));

	private final CampaignFigures ledger;

	private final ContactResponseRepository responses;

	private final AudienceRepository audiences;

	private final ReportSettings settings;

	private final PropensityModels models;

	CampaignReports(CampaignFigures ledger, ContactResponseRepository responses, AudienceRepository audiences,
			ReportSettings settings, PropensityModels models) {
		this.models = models;
		this.ledger = ledger;
		this.responses = responses;
		this.audiences = audiences;
		this.settings = settings;
	}

	/**
	 * The report of a campaign.
	 * @throws InvalidInputException when the campaign has no runs
	 */
	public CampaignReport build(String campaign) {
		List<String> runs = this.ledger.runs(campaign);
		if (runs.isEmpty()) {
			throw new InvalidInputException("campaign " + campaign + " has no runs (dry runs are not reported)");
		}
		AudienceRepository.AudienceFigures audience = this.audiences.figures(campaign);
		List<CampaignReport.Count> delivery = this.ledger.byChannelAndState(campaign)
			.stream()
			.map((count) -> new CampaignReport.Count(lower(count.group()), count.key(), count.count()))
			.toList();
		Responses responded = new Responses(campaign);
		this.ledger.forEachCrossSellContact(campaign, responded::add);
		List<CampaignReport.Rate> rates = responded.rates();
		Group control = new Group(campaign);
		this.ledger.forEachControlGroupCustomer(campaign, control::add);
		Lift lift = new Lift(responded.treated.customers(), responded.treated.responders(), control.customers(),
				control.responders());
		List<CampaignReport.Count> reasons = this.ledger.reasons(campaign)
			.stream()
			.map((count) -> new CampaignReport.Count(count.group(), count.key(), count.count()))
			.toList();
		return new CampaignReport(campaign, runs, audience.customers(), audience.contacts(), delivery, rates, lift,
				reasons, cost(delivery), models(rates));
	}

	private List<CampaignReport.ModelFigures> models(List<CampaignReport.Rate> rates) {
		return rates.stream()
			.filter((rate) -> rate.dimension().equals("offer"))
			.map(CampaignReport.Rate::key)
			.flatMap((offer) -> this.models.latest(offer).stream())
			.flatMap((model) -> figures(model).stream())
			.toList();
	}

	private static List<CampaignReport.ModelFigures> figures(PropensityModel model) {
		if (model.candidates().isEmpty()) {
			return List.of(new CampaignReport.ModelFigures(model.product(), model.version(), model.kind().label(),
					"champion", model.crossValidatedAuc(), Double.NaN, Double.NaN));
		}
		return model.candidates()
			.stream()
			.sorted(java.util.Comparator.comparing((CandidateFigures candidate) -> !candidate.champion()))
			.map((candidate) -> new CampaignReport.ModelFigures(model.product(), model.version(),
					candidate.kind().label(), candidate.champion() ? "champion" : "challenger", candidate.auc(),
					candidate.brier(), candidate.liftAt20()))
			.toList();
	}

	private @Nullable BigDecimal cost(List<CampaignReport.Count> delivery) {
		Map<String, BigDecimal> costs = this.settings.cost();
		if (costs == null || costs.isEmpty()) {
			return null;
		}
		BigDecimal total = BigDecimal.ZERO;
		for (CampaignReport.Count count : delivery) {
			if (List.of("SENT", "PRINTED", "DELIVERED", "BOUNCED", "RESPONDED", "COMPLAINED").contains(count.key())) {
				total = total.add(
						costs.getOrDefault(count.group(), BigDecimal.ZERO).multiply(BigDecimal.valueOf(count.count())));
			}
		}
		return total;
	}

	private static String lower(String value) {
		return value.toLowerCase(Locale.ROOT);
	}

	/**
	 * A response the campaign can claim for a customer: its own or unattributed.
	 */
	private static boolean claimedBy(ContactResponse response, String campaign) {
		return response.campaign() == null || response.campaign().equals(campaign);
	}

	/**
	 * Response rates and complaints of the cross-sell contacts by offer, variant, tier
	 * and channel: a contact counts as responded to when it is marked so, or a positive
	 * response names it, or names its product for its campaign (or no campaign). Also the
	 * treated group of the lift: each contacted customer once.
	 */
	private final class Responses {

		private final Map<String, Map<String, long[]>> byDimension = new TreeMap<>();

		private final List<CrossSellContact> batch = new ArrayList<>();

		private final Group treated;

		private @Nullable String lastCustomer;

		private int customersInBatch;

		Responses(String campaign) {
			this.treated = new Group(campaign);
			DIMENSIONS.keySet().forEach((dimension) -> this.byDimension.put(dimension, new TreeMap<>()));
		}

		void add(CrossSellContact contact) {
			if (!contact.customerId().equals(this.lastCustomer)) {
				if (this.customersInBatch == BATCH) {
					count();
				}
				this.lastCustomer = contact.customerId();
				this.customersInBatch++;
			}
			this.batch.add(contact);
		}

		List<CampaignReport.Rate> rates() {
			count();
			List<CampaignReport.Rate> rates = new ArrayList<>();
			this.byDimension.forEach((dimension, keys) -> keys.forEach((key, counts) -> rates
				.add(new CampaignReport.Rate(dimension, key, counts[0], counts[1], counts[2]))));
			return rates;
		}

		private void count() {
			List<String> customers = this.batch.stream().map(CrossSellContact::customerId).distinct().toList();
			Map<String, List<ContactResponse>> positive = positiveResponses(customers);
			this.treated.count(customers, positive);
			for (CrossSellContact contact : this.batch) {
				boolean responded = contact.state() == CommunicationState.RESPONDED
						|| positive.getOrDefault(contact.customerId(), List.of())
							.stream()
							.anyMatch((response) -> contact.communicationId().equals(response.communicationId())
									|| (response.product().equals(contact.offerCode())
											&& claimedBy(response, contact.campaign())));
				DIMENSIONS.forEach((dimension, key) -> {
					String value = key.apply(contact);
					long[] counts = this.byDimension.get(dimension)
						.computeIfAbsent((value != null) ? value : "none", (k) -> new long[3]);
					counts[0]++;
					counts[1] += responded ? 1 : 0;
					counts[2] += (contact.state() == CommunicationState.COMPLAINED) ? 1 : 0;
				});
			}
			this.batch.clear();
			this.customersInBatch = 0;
		}

	}

	/**
	 * Customers of one side of the lift, each once, and how many of them responded in a
	 * way the campaign can claim.
	 */
	private final class Group {

		private final String campaign;

		private final List<String> batch = new ArrayList<>();

		private long customers;

		private long responders;

		Group(String campaign) {
			this.campaign = campaign;
		}

		void add(String customerId) {
			this.batch.add(customerId);
			if (this.batch.size() == BATCH) {
				countBatch();
			}
		}

		/**
		 * Counts customers whose positive responses were already looked up.
		 */
		void count(List<String> customerIds, Map<String, List<ContactResponse>> positive) {
			this.customers += customerIds.size();
			for (String customerId : customerIds) {
				if (positive.getOrDefault(customerId, List.of())
					.stream()
					.anyMatch((response) -> claimedBy(response, this.campaign))) {
					this.responders++;
				}
			}
		}

		private void countBatch() {
			count(this.batch, positiveResponses(this.batch));
			this.batch.clear();
		}

		long customers() {
			countBatch();
			return this.customers;
		}

		long responders() {
			countBatch();
			return this.responders;
		}

	}

	private Map<String, List<ContactResponse>> positiveResponses(List<String> customerIds) {
		if (customerIds.isEmpty()) {
			return Map.of();
		}
		Map<String, List<ContactResponse>> byCustomer = new HashMap<>();
		for (ContactResponse response : this.responses.findPositiveByCustomers(customerIds)) {
			byCustomer.computeIfAbsent(response.customerId(), (k) -> new ArrayList<>()).add(response);
		}
		return byCustomer;
	}

}
