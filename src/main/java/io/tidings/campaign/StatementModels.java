package io.tidings.campaign;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tidings.customer.AccountTransaction;
import io.tidings.customer.AccountTransactionRepository;
import io.tidings.customer.Customer;
import io.tidings.outbox.Communication;
import io.tidings.outbox.DocumentModel;

import org.springframework.stereotype.Component;

/**
 * What a statement template sees as {@code statement}: the account (masked as
 * {@code tidings.statement.account-mask} says), the statement's number and date, the
 * period, its transactions oldest first each with the balance after it, and the opening
 * and closing balances. The closing balance is the customer's balance less what was
 * booked after the period, so the last line's balance is always the closing balance.
 */
@Component
class StatementModels {

	/** The key of a statement's model among a document's values. */
	static final String STATEMENT = "statement";

	private final AccountTransactionRepository transactions;

	private final StatementNumbers numbers;

	private final AccountMask mask;

	StatementModels(AccountTransactionRepository transactions, StatementNumbers numbers, StatementSettings settings) {
		this.transactions = transactions;
		this.numbers = numbers;
		this.mask = settings.mask();
	}

	/**
	 * The statement's model. A proof or preview shows the number the statement would
	 * have; a real run's statement gets its number with the chunk that renders it
	 * ({@link #numbered}).
	 */
	Map<String, Object> build(CampaignRunContext context, Customer customer, DateTimeFormatter dates) {
		LocalDate to = context.asOf();
		LocalDate from = to.minusMonths(context.definition().statementMonths()).plusDays(1);
		List<AccountTransaction> booked = this.transactions.findForPeriod(customer.id(), from, to);
		BigDecimal closing = customer.balance().subtract(this.transactions.sumAfter(customer.id(), to));
		BigDecimal credits = BigDecimal.ZERO;
		BigDecimal debits = BigDecimal.ZERO;
		for (AccountTransaction transaction : booked) {
			if (transaction.amount().signum() >= 0) {
				credits = credits.add(transaction.amount());
			}
			else {
				debits = debits.add(transaction.amount());
			}
		}
		BigDecimal opening = closing.subtract(credits).subtract(debits);
		BigDecimal balance = opening;
		List<Map<String, Object>> lines = new ArrayList<>(booked.size());
		for (AccountTransaction transaction : booked) {
			balance = balance.add(transaction.amount());
			lines.add(Map.of("date", dates.format(transaction.bookedOn()), "description", transaction.description(),
					"amount", transaction.amount(), "currency", transaction.currency(), "balance", balance));
		}
		String account = (customer.account() != null) ? customer.account() : "";
		Map<String, Object> statement = new HashMap<>();
		statement.put("account", this.mask.apply(account));
		statement.put("accountIsIban", AccountMask.isIban(account));
		if (context.dryRun()) {
			statement.put("number", String.valueOf(this.numbers.peek(context.run(), customer.id())));
		}
		statement.put("date", dates.format(to));
		statement.put("periodStart", dates.format(from));
		statement.put("periodEnd", dates.format(to));
		statement.put("transactions", lines);
		statement.put("credits", credits);
		statement.put("debits", debits);
		statement.put("openingBalance", opening);
		statement.put("closingBalance", closing);
		return statement;
	}

	/**
	 * A real run's statement with its number, assigned now when it has none (in the
	 * transaction of the chunk that renders it, which gives it back when the chunk
	 * fails).
	 */
	DocumentModel numbered(Communication statement, DocumentModel model) {
		int number = this.numbers.assign(statement.run(), statement.customerId());
		Map<String, Object> values = new HashMap<>(model.values());
		@SuppressWarnings("unchecked")
		Map<String, Object> numbered = new HashMap<>((Map<String, Object>) values.get(STATEMENT));
		numbered.put("number", String.valueOf(number));
		values.put(STATEMENT, numbered);
		return new DocumentModel(model.templatesRoot(), model.template(), model.locale(), values, model.options(),
				model.attachments());
	}

}
