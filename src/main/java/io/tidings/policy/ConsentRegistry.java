package io.tidings.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import io.tidings.customer.Customer;
import io.tidings.outbox.Channel;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one place that knows whether a customer may be contacted, and how: consent per
 * channel and the choice of paperless statements as dated events with their source,
 * global suppression lists (email, phone, normalised address) and customer flags
 * (deceased, gone away). Consent and paperless flags of the customer file become events
 * with source {@value #CUSTOMER_FILE}: the first time they are seen with an unknown date
 * (so any explicit choice wins over them), and again, dated, whenever they change.
 */
@Repository
public class ConsentRegistry {

	/** Source of consent events taken from the customer file's flags. */
	public static final String CUSTOMER_FILE = "customer-file";

	/** Date of consent first seen in the customer file, whose real date is unknown. */
	static final Instant UNKNOWN_DATE = Instant.EPOCH;

	private final JdbcClient jdbc;

	private final Clock clock;

	ConsentRegistry(DataSource dataSource, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.clock = clock;
	}

	/**
	 * What the customer allows now, recording the customer file's consent flags first
	 * when they are new or changed.
	 */
	public ContactPermissions permissions(Customer customer) {
		syncCustomerFile(customer);
		Map<Channel, ContactPermissions.Refusal> refused = new EnumMap<>(Channel.class);
		List<ConsentEvent> events = consentHistory(customer.id());
		for (Channel channel : Channel.values()) {
			events.stream()
				.filter(event -> event.channel() == null || event.channel() == channel)
				.reduce((first, second) -> second)
				.filter(latest -> !latest.granted())
				.ifPresent(latest -> refused.put(channel, optedOut(channel, latest)));
		}
		Map<Channel, ContactPermissions.Refusal> undeliverable = new EnumMap<>(Channel.class);
		for (SuppressionEntry entry : suppressionsOf(customer)) {
			switch (entry.reason()) {
				case DECEASED -> {
					for (Channel channel : Channel.values()) {
						refused.put(channel,
								new ContactPermissions.Refusal(ContactPermissions.Refusal.DECEASED,
										"deceased (reported " + entry.occurredAt().toLocalDate() + ", " + entry.source()
												+ ")"));
					}
				}
				case GONE_AWAY -> undeliverable.put(Channel.PRINT,
						new ContactPermissions.Refusal(ContactPermissions.Refusal.GONE_AWAY,
								"gone away from the postal address (reported " + entry.occurredAt().toLocalDate() + ", "
										+ entry.source() + ")"));
				case UNDELIVERABLE -> {
					for (Channel channel : Channel.values()) {
						if (entry.channel() == null || entry.channel() == channel) {
							undeliverable.put(channel,
									new ContactPermissions.Refusal(ContactPermissions.Refusal.UNDELIVERABLE,
											undeliverableReason(entry.matchKind()) + " (reported "
													+ entry.occurredAt().toLocalDate() + ", " + entry.source() + ")"));
						}
					}
				}
				case OPT_OUT -> {
					for (Channel channel : Channel.values()) {
						if ((entry.channel() == null || entry.channel() == channel) && !(refused.containsKey(channel)
								&& refused.get(channel).code().equals(ContactPermissions.Refusal.DECEASED))) {
							refused.put(channel,
									new ContactPermissions.Refusal(ContactPermissions.Refusal.SUPPRESSION_LIST,
											entry.matchKind().name().toLowerCase(java.util.Locale.ROOT)
													+ " on the suppression list for " + channelName(entry.channel())
													+ " (since " + entry.occurredAt().toLocalDate() + ", "
													+ entry.source() + ")"));
						}
					}
				}
			}
		}
		return new ContactPermissions(refused, undeliverable, paperless(customer));
	}

	/**
	 * Whether the customer's statements go electronically now: their latest choice,
	 * recording the customer file's paperless flag first when it is new or changed.
	 */
	public boolean paperless(Customer customer) {
		List<StatementPreference> choices = statementPreferences(customer.id());
		Boolean fromFile = choices.stream()
			.filter(choice -> CUSTOMER_FILE.equals(choice.source()))
			.reduce((first, second) -> second)
			.map(StatementPreference::paperless)
			.orElse(null);
		if (fromFile == null || fromFile != customer.paperless()) {
			OffsetDateTime at = (fromFile == null) ? OffsetDateTime.ofInstant(UNKNOWN_DATE, ZoneOffset.UTC) : now();
			record(StatementPreference.of(customer.id(), customer.paperless(), CUSTOMER_FILE, at));
			choices = statementPreferences(customer.id());
		}
		return choices.get(choices.size() - 1).paperless();
	}

	/**
	 * A customer's choices of paper or electronic statements, oldest first.
	 */
	public List<StatementPreference> statementPreferences(String customerId) {
		return this.jdbc.sql("""
				SELECT event_id, customer_id, paperless, source, occurred_at FROM statement_preference_event
				WHERE customer_id = ? ORDER BY occurred_at, recorded_at, event_id
				""")
			.param(customerId)
			.query((rs, n) -> new StatementPreference(rs.getString("event_id"), rs.getString("customer_id"),
					rs.getBoolean("paperless"), rs.getString("source"),
					rs.getObject("occurred_at", OffsetDateTime.class)))
			.list();
	}

	/**
	 * Records that a customer chose electronic (paperless) or paper statements.
	 * @return whether it was new
	 */
	public boolean recordStatementPreference(String customerId, boolean paperless, String source, OffsetDateTime at) {
		return record(StatementPreference.of(customerId, paperless, source, at));
	}

	/**
	 * A customer's consent events, oldest first.
	 */
	public List<ConsentEvent> consentHistory(String customerId) {
		return this.jdbc.sql("""
				SELECT event_id, customer_id, channel, granted, source, occurred_at, recorded_at FROM consent_event
				WHERE customer_id = ? ORDER BY occurred_at, recorded_at, event_id
				""")
			.param(customerId)
			.query((rs, n) -> new ConsentEvent(rs.getString("event_id"), rs.getString("customer_id"),
					channelOf(rs.getString("channel")), rs.getBoolean("granted"), rs.getString("source"),
					rs.getObject("occurred_at", OffsetDateTime.class),
					rs.getObject("recorded_at", OffsetDateTime.class)))
			.list();
	}

	/**
	 * Suppression list entries and flags that match a customer.
	 */
	public List<SuppressionEntry> suppressionsOf(Customer customer) {
		List<String> conditions = new ArrayList<>();
		List<Object> values = new ArrayList<>();
		conditions.add("(match_kind = 'CUSTOMER' AND match_value = ?)");
		values.add(customer.id());
		if (customer.email() != null) {
			conditions.add("(match_kind = 'EMAIL' AND match_value = ?)");
			values.add(ContactKeys.email(customer.email()));
		}
		if (customer.phone() != null) {
			conditions.add("(match_kind = 'PHONE' AND match_value = ?)");
			values.add(ContactKeys.phone(customer.phone(), customer.address().country()).orElse(customer.phone()));
		}
		for (String address : ContactKeys.addressKeys(customer.address())) {
			conditions.add("(match_kind = 'ADDRESS' AND match_value = ?)");
			values.add(address);
		}
		return this.jdbc.sql("""
				SELECT entry_id, match_kind, match_value, channel, reason, source, occurred_at FROM suppression_entry
				WHERE""" + " " + String.join(" OR ", conditions) + " ORDER BY occurred_at, entry_id")
			.params(values)
			.query((rs, n) -> new SuppressionEntry(rs.getString("entry_id"),
					SuppressionEntry.MatchKind.valueOf(rs.getString("match_kind")), rs.getString("match_value"),
					channelOf(rs.getString("channel")), SuppressionEntry.Reason.valueOf(rs.getString("reason")),
					rs.getString("source"), rs.getObject("occurred_at", OffsetDateTime.class)))
			.list();
	}

	/**
	 * Records that a customer withdrew consent to marketing on a channel (or on every
	 * channel), e.g. by replying STOP to an SMS; the same event recorded twice is one.
	 * @param source where it came from, e.g. {@code sms-keyword:STOP}
	 * @return whether it was new
	 */
	public boolean recordOptOut(String customerId, @Nullable Channel channel, String source, OffsetDateTime at) {
		return record(ConsentEvent.of(customerId, channel, false, source, at));
	}

	/**
	 * Records that a customer gave consent to marketing on a channel again, e.g. by
	 * replying START to an SMS after a STOP.
	 * @return whether it was new
	 */
	public boolean recordOptIn(String customerId, Channel channel, String source, OffsetDateTime at) {
		return record(ConsentEvent.of(customerId, channel, true, source, at));
	}

	/**
	 * Puts an email address or phone number on the suppression list of a channel because
	 * nothing sent to it arrives (a hard bounce, a number that cannot take SMS): whoever
	 * has it gets nothing more on that channel, legally required documents included,
	 * until their details change.
	 * @param address an email address ({@link Channel#EMAIL}) or an E.164 number
	 * ({@link Channel#SMS})
	 * @return whether it was new
	 */
	public boolean recordUndeliverable(Channel channel, String address, String source, OffsetDateTime at) {
		SuppressionEntry entry = switch (channel) {
			case EMAIL -> SuppressionEntry.of(SuppressionEntry.MatchKind.EMAIL, ContactKeys.email(address), channel,
					SuppressionEntry.Reason.UNDELIVERABLE, source, at);
			case SMS ->
				SuppressionEntry.of(SuppressionEntry.MatchKind.PHONE, ContactKeys.phone(address, null).orElse(address),
						channel, SuppressionEntry.Reason.UNDELIVERABLE, source, at);
			case PRINT -> throw new IllegalArgumentException("a postal address that mail cannot reach is gone-away");
		};
		return record(entry);
	}

	/**
	 * Records that letters to a customer's postal address come back: no more post goes to
	 * that address, for whoever lives there on file, until the address changes.
	 * @return whether it was new
	 */
	public boolean recordGoneAway(Customer customer, String source, OffsetDateTime at) {
		Optional<String> address = ContactKeys.address(customer.address());
		SuppressionEntry entry = address.isPresent()
				? SuppressionEntry.of(SuppressionEntry.MatchKind.ADDRESS, address.get(), Channel.PRINT,
						SuppressionEntry.Reason.GONE_AWAY, source, at)
				: SuppressionEntry.of(SuppressionEntry.MatchKind.CUSTOMER, customer.id(), Channel.PRINT,
						SuppressionEntry.Reason.GONE_AWAY, source, at);
		return record(entry);
	}

	/**
	 * Records a consent event unless the same one is recorded already.
	 * @return whether it was new
	 */
	boolean record(ConsentEvent event) {
		return this.jdbc.sql("""
				MERGE INTO consent_event t USING (VALUES (CAST(? AS VARCHAR(64)))) AS s(event_id)
				ON t.event_id = s.event_id
				WHEN NOT MATCHED THEN INSERT (event_id, customer_id, channel, granted, source, occurred_at, recorded_at)
				VALUES (s.event_id, ?, ?, ?, ?, ?, ?)
				""")
			.params(event.eventId(), event.customerId(),
					channelName(event.channel()).toUpperCase(java.util.Locale.ROOT), event.granted(), event.source(),
					event.occurredAt(), now())
			.update() == 1;
	}

	private boolean record(StatementPreference choice) {
		return this.jdbc.sql("""
				MERGE INTO statement_preference_event t USING (VALUES (CAST(? AS VARCHAR(64)))) AS s(event_id)
				ON t.event_id = s.event_id
				WHEN NOT MATCHED THEN INSERT (event_id, customer_id, paperless, source, occurred_at, recorded_at)
				VALUES (s.event_id, ?, ?, ?, ?, ?)
				""")
			.params(choice.eventId(), choice.customerId(), choice.paperless(), choice.source(), choice.occurredAt(),
					now())
			.update() == 1;
	}

	/**
	 * Adds an entry to the suppression lists unless the same one is there already.
	 * @return whether it was new
	 */
	boolean record(SuppressionEntry entry) {
		return this.jdbc.sql("""
				MERGE INTO suppression_entry t USING (VALUES (CAST(? AS VARCHAR(64)))) AS s(entry_id)
				ON t.entry_id = s.entry_id
				WHEN NOT MATCHED THEN INSERT (entry_id, match_kind, match_value, channel, reason, source, occurred_at,
				     recorded_at)
				VALUES (s.entry_id, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(entry.entryId(), entry.matchKind().name(), entry.matchValue(),
					channelName(entry.channel()).toUpperCase(java.util.Locale.ROOT), entry.reason().name(),
					entry.source(), entry.occurredAt(), now())
			.update() == 1;
	}

	private void syncCustomerFile(Customer customer) {
		Map<Channel, Boolean> flags = Map.of(Channel.EMAIL, customer.consentEmail(), Channel.SMS,
				customer.consentSms());
		Map<Channel, Boolean> recorded = new EnumMap<>(Channel.class);
		this.jdbc.sql("""
				SELECT channel, granted FROM consent_event WHERE customer_id = ? AND source = ?
				ORDER BY occurred_at, recorded_at, event_id
				""").params(customer.id(), CUSTOMER_FILE).query((rs, n) -> {
			recorded.put(Channel.valueOf(rs.getString("channel")), rs.getBoolean("granted"));
			return null;
		}).list();
		flags.forEach((channel, granted) -> {
			Boolean last = recorded.get(channel);
			if (last == null || last != granted) {
				OffsetDateTime at = (last == null) ? OffsetDateTime.ofInstant(UNKNOWN_DATE, ZoneOffset.UTC) : now();
				record(ConsentEvent.of(customer.id(), channel, granted, CUSTOMER_FILE, at));
			}
		});
	}

	private static ContactPermissions.Refusal optedOut(Channel channel, ConsentEvent event) {
		if (CUSTOMER_FILE.equals(event.source()) && event.channel() == channel) {
			return ContactPermissions.Refusal.noConsent(channel);
		}
		return new ContactPermissions.Refusal(ContactPermissions.Refusal.OPTED_OUT,
				"opted out of " + channelName(event.channel()) + " on " + event.occurredAt().toLocalDate() + " ("
						+ event.source() + ")");
	}

	private static String undeliverableReason(SuppressionEntry.MatchKind kind) {
		return switch (kind) {
			case EMAIL -> "email address bounced for good";
			case PHONE -> "phone number cannot receive SMS";
			default -> "undeliverable";
		};
	}

	static String channelName(@Nullable Channel channel) {
		return (channel == null) ? "all" : channel.folder();
	}

	private static @Nullable Channel channelOf(String name) {
		return "ALL".equals(name) ? null : Channel.valueOf(name);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

}
