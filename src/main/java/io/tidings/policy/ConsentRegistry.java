package io.tidings.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import io.tidings.DatabaseDialect;
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

	/** Customers read in one query. */
	private static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final String recordConsent;

	private final String recordPreference;

	private final String recordSuppression;

	ConsentRegistry(DataSource dataSource, DatabaseDialect dialect, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.clock = clock;
		this.recordConsent = dialect.insertUnlessPresent("consent_event", List.of("event_id VARCHAR(64)"),
				List.of("customer_id", "channel", "granted", "source", "occurred_at", "recorded_at"));
		this.recordPreference = dialect.insertUnlessPresent("statement_preference_event",
				List.of("event_id VARCHAR(64)"),
				List.of("customer_id", "paperless", "source", "occurred_at", "recorded_at"));
		this.recordSuppression = dialect.insertUnlessPresent("suppression_entry", List.of("entry_id VARCHAR(64)"),
				List.of("match_kind", "match_value", "channel", "reason", "source", "occurred_at", "recorded_at"));
	}

	/**
	 * What the customer allows now, recording the customer file's consent flags first
	 * when they are new or changed.
	 */
	public ContactPermissions permissions(Customer customer) {
		return permissions(List.of(customer)).get(customer.id());
	}

	/**
	 * What each customer allows now, as {@link #permissions(Customer)}, read for all of
	 * them in a few queries per {@value #BATCH} customers.
	 * @return the permissions by customer id
	 */
	public Map<String, ContactPermissions> permissions(Collection<Customer> customers) {
		Map<String, ContactPermissions> permissions = new HashMap<>();
		for (List<Customer> batch : batches(customers)) {
			syncCustomerFile(batch);
			Map<String, List<ConsentEvent>> histories = consentHistories(ids(batch));
			Map<String, List<SuppressionEntry>> suppressions = suppressionsOf(batch);
			Map<String, Boolean> paperless = paperless(batch);
			for (Customer customer : batch) {
				permissions.put(customer.id(), ContactPermissions.from(histories.get(customer.id()),
						suppressions.get(customer.id()), paperless.get(customer.id())));
			}
		}
		return permissions;
	}

	/**
	 * Whether the customer's statements go electronically now: their latest choice,
	 * recording the customer file's paperless flag first when it is new or changed.
	 */
	public boolean paperless(Customer customer) {
		return paperless(List.of(customer)).get(customer.id());
	}

	private Map<String, Boolean> paperless(List<Customer> customers) {
		Map<String, List<StatementPreference>> choices = statementPreferences(ids(customers));
		List<String> recorded = new ArrayList<>();
		for (Customer customer : customers) {
			Boolean fromFile = choices.get(customer.id())
				.stream()
				.filter(choice -> CUSTOMER_FILE.equals(choice.source()))
				.reduce((first, second) -> second)
				.map(StatementPreference::paperless)
				.orElse(null);
			if (fromFile == null || fromFile != customer.paperless()) {
				OffsetDateTime at = (fromFile == null) ? OffsetDateTime.ofInstant(UNKNOWN_DATE, ZoneOffset.UTC) : now();
				record(StatementPreference.of(customer.id(), customer.paperless(), CUSTOMER_FILE, at));
				recorded.add(customer.id());
			}
		}
		if (!recorded.isEmpty()) {
			choices.putAll(statementPreferences(recorded));
		}
		Map<String, Boolean> paperless = new HashMap<>();
		choices.forEach((id, list) -> paperless.put(id, list.get(list.size() - 1).paperless()));
		return paperless;
	}

	/**
	 * A customer's choices of paper or electronic statements, oldest first.
	 */
	public List<StatementPreference> statementPreferences(String customerId) {
		return statementPreferences(List.of(customerId)).get(customerId);
	}

	private Map<String, List<StatementPreference>> statementPreferences(List<String> customerIds) {
		Map<String, List<StatementPreference>> choices = byCustomer(customerIds);
		this.jdbc.sql("""
				SELECT event_id, customer_id, paperless, source, occurred_at FROM statement_preference_event
				WHERE customer_id IN (%s) ORDER BY occurred_at, recorded_at, event_id
				""".formatted(placeholders(customerIds.size())))
			.params(customerIds)
			.query((rs, n) -> new StatementPreference(rs.getString("event_id"), rs.getString("customer_id"),
					rs.getBoolean("paperless"), rs.getString("source"),
					rs.getObject("occurred_at", OffsetDateTime.class)))
			.list()
			.forEach(choice -> choices.get(choice.customerId()).add(choice));
		return choices;
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
		return consentHistories(List.of(customerId)).get(customerId);
	}

	private Map<String, List<ConsentEvent>> consentHistories(List<String> customerIds) {
		Map<String, List<ConsentEvent>> histories = byCustomer(customerIds);
		this.jdbc.sql("""
				SELECT event_id, customer_id, channel, granted, source, occurred_at, recorded_at FROM consent_event
				WHERE customer_id IN (%s) ORDER BY occurred_at, recorded_at, event_id
				""".formatted(placeholders(customerIds.size())))
			.params(customerIds)
			.query((rs, n) -> new ConsentEvent(rs.getString("event_id"), rs.getString("customer_id"),
					channelOf(rs.getString("channel")), rs.getBoolean("granted"), rs.getString("source"),
					rs.getObject("occurred_at", OffsetDateTime.class),
					rs.getObject("recorded_at", OffsetDateTime.class)))
			.list()
			.forEach(event -> histories.get(event.customerId()).add(event));
		return histories;
	}

	/**
	 * Suppression list entries and flags that match a customer.
	 */
	public List<SuppressionEntry> suppressionsOf(Customer customer) {
		return suppressionsOf(List.of(customer)).get(customer.id());
	}

	/** The entries that match each customer, oldest first, in one query. */
	private Map<String, List<SuppressionEntry>> suppressionsOf(List<Customer> customers) {
		Map<SuppressionEntry.MatchKind, Map<String, List<String>>> matching = new EnumMap<>(
				SuppressionEntry.MatchKind.class);
		for (Customer customer : customers) {
			matchKeys(customer).forEach((kind,
					values) -> values.forEach(value -> matching.computeIfAbsent(kind, k -> new LinkedHashMap<>())
						.computeIfAbsent(value, v -> new ArrayList<>())
						.add(customer.id())));
		}
		List<String> conditions = new ArrayList<>();
		List<Object> values = new ArrayList<>();
		matching.forEach((kind, byValue) -> {
			conditions
				.add("(match_kind = '" + kind.name() + "' AND match_value IN (" + placeholders(byValue.size()) + "))");
			values.addAll(byValue.keySet());
		});
		Map<String, List<SuppressionEntry>> entries = byCustomer(ids(customers));
		this.jdbc.sql("""
				SELECT entry_id, match_kind, match_value, channel, reason, source, occurred_at FROM suppression_entry
				WHERE""" + " " + String.join(" OR ", conditions) + " ORDER BY occurred_at, entry_id")
			.params(values)
			.query((rs, n) -> new SuppressionEntry(rs.getString("entry_id"),
					SuppressionEntry.MatchKind.valueOf(rs.getString("match_kind")), rs.getString("match_value"),
					channelOf(rs.getString("channel")), SuppressionEntry.Reason.valueOf(rs.getString("reason")),
					rs.getString("source"), rs.getObject("occurred_at", OffsetDateTime.class)))
			.list()
			.forEach(entry -> matching.get(entry.matchKind())
				.getOrDefault(entry.matchValue(), List.of())
				.stream()
				.distinct()
				.forEach(id -> entries.get(id).add(entry)));
		return entries;
	}

	/** The normalised values a suppression entry matches a customer on, by kind. */
	private static Map<SuppressionEntry.MatchKind, List<String>> matchKeys(Customer customer) {
		Map<SuppressionEntry.MatchKind, List<String>> keys = new EnumMap<>(SuppressionEntry.MatchKind.class);
		keys.put(SuppressionEntry.MatchKind.CUSTOMER, List.of(customer.id()));
		if (customer.email() != null) {
			keys.put(SuppressionEntry.MatchKind.EMAIL, List.of(ContactKeys.email(customer.email())));
		}
		if (customer.phone() != null) {
			keys.put(SuppressionEntry.MatchKind.PHONE, List
				.of(ContactKeys.phone(customer.phone(), customer.address().country()).orElse(customer.phone())));
		}
		keys.put(SuppressionEntry.MatchKind.ADDRESS, List.copyOf(ContactKeys.addressKeys(customer.address())));
		return keys;
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
	 * until their details change. An address already listed as undeliverable on the
	 * channel gets no second entry.
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
		return !listed(entry) && record(entry);
	}

	/**
	 * Whether the same value is on the list of the channel for the same reason already.
	 */
	private boolean listed(SuppressionEntry entry) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM suppression_entry
				WHERE match_kind = ? AND match_value = ? AND channel = ? AND reason = ?
				""")
			.params(entry.matchKind().name(), entry.matchValue(),
					channelName(entry.channel()).toUpperCase(java.util.Locale.ROOT), entry.reason().name())
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Puts an email address on the email suppression list for marketing because its
	 * recipient reported an email as spam (an ARF feedback report); an address listed for
	 * a complaint already gets no second entry.
	 * @return whether it was new
	 */
	public boolean recordComplaint(String email, String source, OffsetDateTime at) {
		SuppressionEntry entry = SuppressionEntry.of(SuppressionEntry.MatchKind.EMAIL, ContactKeys.email(email),
				Channel.EMAIL, SuppressionEntry.Reason.COMPLAINT, source, at);
		return !listed(entry) && record(entry);
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
		return this.jdbc.sql(this.recordConsent)
			.params(event.eventId(), event.customerId(),
					channelName(event.channel()).toUpperCase(java.util.Locale.ROOT), event.granted(), event.source(),
					event.occurredAt(), now())
			.update() == 1;
	}

	private boolean record(StatementPreference choice) {
		return this.jdbc.sql(this.recordPreference)
			.params(choice.eventId(), choice.customerId(), choice.paperless(), choice.source(), choice.occurredAt(),
					now())
			.update() == 1;
	}

	/**
	 * Adds an entry to the suppression lists unless the same one is there already.
	 * @return whether it was new
	 */
	boolean record(SuppressionEntry entry) {
		return this.jdbc.sql(this.recordSuppression)
			.params(entry.entryId(), entry.matchKind().name(), entry.matchValue(),
					channelName(entry.channel()).toUpperCase(java.util.Locale.ROOT), entry.reason().name(),
					entry.source(), entry.occurredAt(), now())
			.update() == 1;
	}

	private void syncCustomerFile(List<Customer> customers) {
		Map<String, Map<Channel, Boolean>> recorded = new HashMap<>();
		List<String> customerIds = ids(customers);
		this.jdbc.sql("""
				SELECT customer_id, channel, granted FROM consent_event WHERE customer_id IN (%s) AND source = ?
				ORDER BY occurred_at, recorded_at, event_id
				""".formatted(placeholders(customerIds.size())))
			.params(Stream.concat(customerIds.stream(), Stream.of(CUSTOMER_FILE)).toList())
			.query((rs, n) -> {
				recorded.computeIfAbsent(rs.getString("customer_id"), id -> new EnumMap<>(Channel.class))
					.put(Channel.valueOf(rs.getString("channel")), rs.getBoolean("granted"));
				return null;
			})
			.list();
		for (Customer customer : customers) {
			Map<Channel, Boolean> flags = Map.of(Channel.EMAIL, customer.consentEmail(), Channel.SMS,
					customer.consentSms());
			Map<Channel, Boolean> last = recorded.getOrDefault(customer.id(), Map.of());
			flags.forEach((channel, granted) -> {
				Boolean before = last.get(channel);
				if (before == null || before != granted) {
					OffsetDateTime at = (before == null) ? OffsetDateTime.ofInstant(UNKNOWN_DATE, ZoneOffset.UTC)
							: now();
					record(ConsentEvent.of(customer.id(), channel, granted, CUSTOMER_FILE, at));
				}
			});
		}
	}

	/** Customers by distinct id, in lists small enough for one query each. */
	private static List<List<Customer>> batches(Collection<Customer> customers) {
		List<Customer> distinct = List.copyOf(customers.stream()
			.collect(Collectors.toMap(Customer::id, customer -> customer, (first, second) -> first, LinkedHashMap::new))
			.values());
		List<List<Customer>> batches = new ArrayList<>();
		for (int from = 0; from < distinct.size(); from += BATCH) {
			batches.add(distinct.subList(from, Math.min(from + BATCH, distinct.size())));
		}
		return batches;
	}

	private static List<String> ids(List<Customer> customers) {
		return customers.stream().map(Customer::id).toList();
	}

	private static <T> Map<String, List<T>> byCustomer(List<String> customerIds) {
		Map<String, List<T>> lists = new HashMap<>();
		customerIds.forEach(id -> lists.put(id, new ArrayList<>()));
		return lists;
	}

	private static String placeholders(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
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
