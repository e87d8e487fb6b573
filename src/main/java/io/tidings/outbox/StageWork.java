package io.tidings.outbox;

import java.util.StringJoiner;

/**
 * What one communication costs a partitioned stage, in tenths of a printed document's
 * rendering: a stage's partitions are cut at equal sums of these weights, so that each
 * holds about as much work, however the documents are spread over the customers. These
 * are the only estimates of the kind; change them here when a profile says otherwise.
 */
public enum StageWork {

	/**
	 * Rendering. A printed document (laid out in batches) is 10; a legally required
	 * document sent by email (a paperless customer's statement: tagged, attached) 42,
	 * 4.2× a printed one in the profile of 2026-12-04 (docs/benchmarks.md, "Issue 19: the
	 * whole run profiled"), when such statements were laid out one at a time. Laid out in
	 * batches since, they cost about 1.5× a printed one in
	 * {@code TaggedStatementBenchmark}; this weight waits for a whole run's profile to
	 * confirm that. Another email 3 and an SMS 1, estimates from the same profile (they
	 * take no layout).
	 */
	RENDER {

		@Override
		int weight(Channel channel, DocumentKind kind) {
			return switch (channel) {
				case PRINT -> 10;
				case EMAIL -> kind.legallyRequired() ? 42 : 3;
				case SMS -> 1;
			};
		}

	},

	/**
	 * Delivering email and SMS one by one: each message costs the same (a hand-over and
	 * an answer recorded in the ledger around one call to its transport).
	 */
	DELIVER {

		@Override
		int weight(Channel channel, DocumentKind kind) {
			return 10;
		}

	},

	/**
	 * Placing printed documents in a print job's presort order: each costs the same (its
	 * customer and consents read, its items written).
	 */
	PRINT {

		@Override
		int weight(Channel channel, DocumentKind kind) {
			return 10;
		}

	};

	/** The weight of a communication of this channel and kind in this stage. */
	abstract int weight(Channel channel, DocumentKind kind);

	/**
	 * The weight of a {@code communication} row as an SQL expression over its
	 * {@code channel} and {@code document_kind} columns.
	 */
	String sql() {
		StringJoiner cases = new StringJoiner(" ", "CASE ", " ELSE 10 END");
		for (Channel channel : Channel.values()) {
			for (DocumentKind kind : DocumentKind.values()) {
				cases.add("WHEN channel = '" + channel.name() + "' AND document_kind = '" + kind.name() + "' THEN "
						+ weight(channel, kind));
			}
		}
		return cases.toString();
	}

}
