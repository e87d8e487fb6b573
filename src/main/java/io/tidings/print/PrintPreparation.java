package io.tidings.print;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.customer.PostalAddress;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.RunRef;

/**
 * First step of print production: places the run's rendered print documents that are due
 * and may still be sent (and the copies other recipients get) in presort order, a page of
 * communications at a time.
 */
final class PrintPreparation {

	static final int PAGE = 500;

	private final CommunicationReaders readers;

	private final CustomerRepository customers;

	private final PrintJobRepository jobs;

	private final PrintSettings settings;

	PrintPreparation(CommunicationReaders readers, CustomerRepository customers, PrintJobRepository jobs,
			PrintSettings settings) {
		this.readers = readers;
		this.customers = customers;
		this.jobs = jobs;
		this.settings = settings;
	}

	/**
	 * Whether a run has rendered print documents due at a moment.
	 */
	boolean anyDue(RunRef run, Instant now) {
		return !this.readers.findDueAfter(run, Channel.PRINT, CommunicationState.RENDERED, now, null, 1).isEmpty();
	}

	/**
	 * Places the next page of documents.
	 * @param now the moment of printing: documents deferred past it wait for a later job
	 * @param mayPrint the contact policy at the moment of printing, read once for the
	 * page; a document it refuses is left out (the policy records why in the ledger)
	 * @return whether there were any
	 */
	boolean prepareNext(PrintJob job, Instant now, Function<List<Communication>, Predicate<Communication>> mayPrint) {
		List<Communication> page = this.readers.findDueAfter(job.run(), Channel.PRINT, CommunicationState.RENDERED, now,
				(job.preparedThrough() != null) ? new CommunicationId(job.preparedThrough()) : null, PAGE);
		if (page.isEmpty()) {
			this.jobs.updateJob(job.run(), job.jobNo(), PrintJob.State.PLANNING, job.preparedThrough(), null);
			return false;
		}
		place(job, page, mayPrint);
		this.jobs.updateJob(job.run(), job.jobNo(), PrintJob.State.PREPARING, page.get(page.size() - 1).id().value(),
				null);
		return true;
	}

	/**
	 * Places documents in the job's presort order, leaving out those placed already (a
	 * partition's chunk done again after a crash).
	 * @param mayPrint the contact policy at the moment of printing, read once for the
	 * documents; a document it refuses is left out (the policy records why in the ledger)
	 */
	void place(PrintJob job, List<Communication> documents,
			Function<List<Communication>, Predicate<Communication>> mayPrint) {
		Set<String> placed = this.jobs.placedAmong(documents.stream().map(document -> document.id().value()).toList());
		List<Communication> unplaced = documents.stream()
			.filter(document -> !placed.contains(document.id().value()))
			.toList();
		if (unplaced.isEmpty()) {
			return;
		}
		Predicate<Communication> documentsMayPrint = mayPrint.apply(unplaced);
		List<Communication> printed = unplaced.stream().filter(documentsMayPrint).toList();
		Map<String, Customer> customers = this.customers
			.findAllById(printed.stream().map(Communication::customerId).distinct().toList());
		List<PrintItem> items = new ArrayList<>();
		for (Communication communication : printed) {
			items.addAll(items(job, communication, customers.get(communication.customerId())));
		}
		this.jobs.addItems(job.jobNo(), items);
	}

	private List<PrintItem> items(PrintJob job, Communication communication, @Nullable Customer customer) {
		if (customer == null) {
			throw new IllegalStateException("Customer of communication " + communication.id() + " no longer exists");
		}
		if (communication.archivePath() == null || communication.pageCount() == null
				|| communication.contentSha256() == null) {
			throw new IllegalStateException("Communication " + communication.id() + " has no archived document");
		}
		PrintSettings.KindRules rules = this.settings.rules(communication.kind());
		int mailClassRank = this.settings.mailClasses().indexOf(rules.mailClass());
		String id = communication.id().value();
		List<PrintItem> items = new ArrayList<>();
		PostalAddress address = customer.address();
		String household = PrintItems.household(address.country(), address.postcode(), address.line1(), address.line2(),
				address.city(), customer.lastName());
		String group = rules.household() ? PrintItems.hash(household + "|" + rules.mailClass())
				: PrintItems.hash(id + "|" + PrintItems.CUSTOMER);
		items.add(item(job, communication, PrintItems.CUSTOMER, rules, false, address.country(), address.postcode(),
				household, group, mailClassRank, 0));
		int rank = 1;
		for (PrintSettings.CopyRecipient copy : rules.copies()) {
			String copyHousehold = PrintItems.household(copy.country(), copy.postcode(),
					String.join(" ", copy.address()), null, copy.city(), copy.name());
			items.add(item(job, communication, copy.code(), rules, true, copy.country(), copy.postcode(), copyHousehold,
					PrintItems.hash(id + "|" + copy.code()), mailClassRank, rank++));
		}
		return items;
	}

	private static PrintItem item(PrintJob job, Communication communication, String recipient,
			PrintSettings.KindRules rules, boolean copy, String country, String postcode, String household,
			String group, int mailClassRank, int recipientRank) {
		int pages = communication.pageCount();
		return new PrintItem(communication.id().value(), recipient, job.run(), communication.customerId(),
				communication.kind(), communication.archivePath(), communication.contentSha256(), pages,
				SheetLayout.sheets(pages, rules.duplex(), copy, job.duplex()), rules.duplex(), country,
				PrintItems.presortKey(country, postcode, household),
				PrintItems.sortKey(country, postcode, household, mailClassRank, group, communication.customerId(),
						communication.kind().ordinal(), communication.id().value(), recipientRank),
				group, rules.mailClass(), null, null);
	}

}
