package io.tidings.offer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.HeapWatch;
import io.tidings.archive.AtomicFiles;
import io.tidings.csv.CsvCells;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerFacts;
import io.tidings.customer.CustomerRepository;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.stereotype.Component;

/**
 * Scores every customer for a product with its propensity model, streaming: customers are
 * read with a database cursor and scores written as they come, so memory stays the same
 * however many customers there are.
 */
@Component
public class CustomerScoring {

	private static final Logger logger = LoggerFactory.getLogger("io.tidings.progress");

	private static final long PROGRESS_INTERVAL_NANOS = 5_000_000_000L;

	private final PropensityModels models;

	private final CustomerRepository customers;

	private final AtomicFiles files;

	private final Clock clock;

	CustomerScoring(PropensityModels models, CustomerRepository customers, AtomicFiles files, Clock clock) {
		this.models = models;
		this.customers = customers;
		this.files = files;
		this.clock = clock;
	}

	/**
	 * Writes {@code customer_id;score} for every customer to a file, training a new model
	 * version first when asked to, when there is none, or when responses came in since.
	 * @param product the product code
	 * @param spec how to build a model
	 * @param retrain train a new version even when the newest is up to date
	 * @param out the file to write
	 * @throws IllegalStateException when a model is needed and there are too few
	 * responses
	 */
	public ScoreExport export(String product, ModelSpec spec, boolean retrain, Path out) {
		String code = ProductCodes.normalise(product);
		long started = System.nanoTime();
		try (HeapWatch heap = HeapWatch.start()) {
			return export(code, spec, retrain, out, started, heap);
		}
	}

	private ScoreExport export(String code, ModelSpec spec, boolean retrain, Path out, long started, HeapWatch heap) {
		boolean trained = retrain || this.models.isOutOfDate(code);
		PropensityModel model = trained ? this.models.train(code, spec) : this.models.latest(code).orElseThrow();
		LocalDate today = LocalDate.now(this.clock);
		long total = this.customers.count();
		long[] scored = { 0 };
		long[] reported = { System.nanoTime() };
		try {
			this.files.write(out, stream -> {
				BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
				writer.write("customer_id;score\n");
				JdbcCursorItemReader<Customer> reader = this.customers.reader("scoringCustomerReader");
				reader.open(new ExecutionContext());
				try {
					Customer customer;
					while ((customer = reader.read()) != null) {
						double score = model.score(CustomerFacts.of(customer, today));
						writer.write(CsvCells.semicolonLine(customer.id(), String.format(Locale.ROOT, "%.6f", score)));
						writer.write('\n');
						scored[0]++;
						if (System.nanoTime() - reported[0] > PROGRESS_INTERVAL_NANOS) {
							reported[0] = System.nanoTime();
							logger.info("score: {} of {} customers scored ({}%)", scored[0], total,
									100 * scored[0] / Math.max(1, total));
						}
					}
				}
				catch (IOException ex) {
					throw ex;
				}
				catch (Exception ex) {
					throw new IllegalStateException("Cannot read customers: " + ex.getMessage(), ex);
				}
				finally {
					reader.close();
				}
				writer.flush();
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + out, ex);
		}
		return new ScoreExport(model, trained, scored[0], out, java.time.Duration.ofNanos(System.nanoTime() - started),
				heap.peakAfterCollectionBytes());
	}

	/**
	 * What a score export did.
	 *
	 * @param model the model used
	 * @param trained whether it was trained for this export
	 * @param customers customers scored
	 * @param file the file written
	 * @param elapsed how long training (if any) and scoring took
	 * @param peakHeapBytes the most heap that survived a collection meanwhile (what would
	 * grow with the number of customers if anything were held)
	 */
	public record ScoreExport(PropensityModel model, boolean trained, long customers, Path file,
			java.time.Duration elapsed, long peakHeapBytes) {
	}

}
