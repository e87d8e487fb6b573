package io.tidings.customer;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import io.tidings.OwnerOnly;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.transform.LineAggregator;
import org.springframework.core.io.FileSystemResource;

/**
 * Writes the {@link CustomerRecordLinks keys} of each valid record of an import, a line
 * each ({@code <line> <key> <key>...}), into an owner-only file, for
 * {@link CustomerComponents}. The secret the keys are hashed under is made when the first
 * pass starts and kept in its context, so that a restarted first pass goes on with the
 * same.
 */
class CustomerLinksWriter extends FlatFileItemWriter<ImportedCustomer> {

	private static final String SECRET = "customer.import.link-secret";

	private final Lines lines;

	private final Path file;

	private @Nullable String secret;

	CustomerLinksWriter(Path file) {
		this(file, new Lines());
	}

	private CustomerLinksWriter(Path file, Lines lines) {
		super(new FileSystemResource(file), lines);
		this.lines = lines;
		this.file = file;
		setName("customerLinkItemWriter");
		setEncoding("US-ASCII");
		setTransactional(true);
	}

	@Override
	public void open(ExecutionContext executionContext) {
		String given = executionContext.containsKey(SECRET) ? executionContext.getString(SECRET) : null;
		if (given == null) {
			byte[] made = new byte[32];
			new SecureRandom().nextBytes(made);
			given = Base64.getEncoder().encodeToString(made);
		}
		this.secret = given;
		executionContext.putString(SECRET, given);
		this.lines.links = new CustomerRecordLinks(Base64.getDecoder().decode(given));
		try {
			OwnerOnly.folders(this.file.getParent());
			super.open(executionContext);
			OwnerOnly.restrictFile(this.file);
		}
		catch (IOException ex) {
			throw new ItemStreamException("Cannot open " + this.file + " owner-only", ex);
		}
	}

	@Override
	public void update(ExecutionContext executionContext) {
		super.update(executionContext);
		if (this.secret != null) {
			executionContext.putString(SECRET, this.secret);
		}
	}

	private static final class Lines implements LineAggregator<ImportedCustomer> {

		private @Nullable CustomerRecordLinks links;

		@Override
		public String aggregate(ImportedCustomer imported) {
			CustomerRecordLinks keys = this.links;
			if (keys == null) {
				throw new IllegalStateException("The link file is not open");
			}
			StringBuilder line = new StringBuilder(160).append(imported.line());
			for (CustomerRecordLinks.Key key : keys.keys(imported.customer())) {
				line.append(' ').append(key.text());
			}
			return line.toString();
		}

	}

}
