package io.tidings;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.h2.engine.SessionLocal;
import org.h2.index.Cursor;
import org.h2.index.Index;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.db.MVDelegateIndex;
import org.h2.mvstore.db.MVIndex;
import org.h2.mvstore.db.MVPrimaryIndex;
import org.h2.mvstore.db.MVSecondaryIndex;
import org.h2.mvstore.db.Store;
import org.h2.mvstore.tx.Transaction;
import org.h2.result.Row;
import org.h2.schema.Schema;
import org.h2.table.Table;
import org.h2.value.VersionedValue;

/**
 * Entries of an embedded H2 database that a transaction which no longer exists left
 * half-written (H2's "left over after unclean shutdown"): found, put back to what they
 * held before, and the indexes of their tables built again from the rows.
 */
final class H2Leftovers {

	/** Rows read, sorted and set aside at a time while an index is built again. */
	private static final int ROWS_A_BLOCK = 20_000;

	private final SessionLocal session;

	/**
	 * Transactions H2 keeps open across a restart (prepared ones): theirs are no
	 * leftovers.
	 */
	private final BitSet open = new BitSet();

	H2Leftovers(SessionLocal session) {
		this.session = session;
		for (Transaction transaction : session.getDatabase().getStore().getTransactionStore().getOpenTransactions()) {
			this.open.set(transaction.getId());
		}
	}

	/**
	 * How many half-written entries each table holds, by schema and table name; tables
	 * without any are left out.
	 */
	Map<TableName, Long> count() {
		Map<TableName, Long> found = new LinkedHashMap<>();
		for (Schema schema : this.session.getDatabase().getAllSchemas()) {
			for (Table table : schema.getAllTablesAndViews(this.session)) {
				long count = 0;
				for (MVMap<Object, Object> map : maps(table)) {
					count += keysOfLeftovers(map).size();
				}
				if (count > 0) {
					found.put(new TableName(schema.getName(), table.getName()), count);
				}
			}
		}
		return found;
	}

	/**
	 * Puts back what each half-written entry of the table held before (H2 reads it so,
	 * but a new transaction that happens to get the dead one's number would read it as
	 * its own), then builds each index kept apart from the rows again from them. Neither
	 * is part of a transaction and H2 may store any state in between: the caller lists
	 * the table first, so that a process killed before it has stored and synced the file
	 * leaves the work to the next start.
	 * @return false when the database has no such table (nothing to mend)
	 */
	boolean mend(TableName name) {
		Schema schema = this.session.getDatabase().findSchema(name.schema());
		Table table = (schema != null) ? schema.findTableOrView(this.session, name.table()) : null;
		if (table == null) {
			return false;
		}
		for (MVMap<Object, Object> map : maps(table)) {
			for (Object key : keysOfLeftovers(map)) {
				VersionedValue<?> leftover = (VersionedValue<?>) map.get(key);
				Object before = leftover.getCommittedValue();
				if (before == null) {
					map.remove(key);
				}
				else {
					// a committed row or index entry is an H2 value, its own versioned
					// value
					map.put(key, (VersionedValue<?>) before);
				}
			}
		}
		rebuildIndexes(table);
		return true;
	}

	/**
	 * Builds each index kept apart from the rows again as H2's {@code CREATE INDEX} does
	 * for a large table: the rows read in blocks, each block sorted and kept in a
	 * temporary map, the blocks merged into the emptied index as committed entries.
	 * Adding rows one by one in a transaction wrote an undo record each and kept every
	 * replaced page alive until the commit: the ledger's indexes at a million customers
	 * had grown the file by 13 GB in four minutes and were not done.
	 */
	private void rebuildIndexes(Table table) {
		for (Index index : table.getIndexes()) {
			if (index instanceof MVSecondaryIndex secondary) {
				index.truncate(this.session);
				rebuild(table, secondary);
			}
			else if (!(index instanceof MVPrimaryIndex || index instanceof MVDelegateIndex)) {
				throw new IllegalStateException("cannot rebuild index " + index.getName() + " of " + table.getName()
						+ " (" + index.getClass().getSimpleName() + ")");
			}
		}
	}

	private void rebuild(Table table, MVSecondaryIndex index) {
		Store store = this.session.getDatabase().getStore();
		List<String> blocks = new ArrayList<>();
		List<Row> block = new ArrayList<>(ROWS_A_BLOCK);
		Cursor rows = table.getScanIndex(this.session).find(this.session, null, null, false);
		while (rows.next()) {
			block.add(rows.get());
			if (block.size() == ROWS_A_BLOCK) {
				blocks.add(sorted(store, index, block));
				block.clear();
			}
		}
		if (!block.isEmpty()) {
			blocks.add(sorted(store, index, block));
		}
		if (!blocks.isEmpty()) {
			index.addBufferedRows(blocks);
		}
	}

	private static String sorted(Store store, MVSecondaryIndex index, List<Row> block) {
		block.sort(index::compareRows);
		String name = store.nextTemporaryMapName();
		index.addRowsToBuffer(block, name);
		return name;
	}

	/**
	 * The maps H2 keeps a table's rows and indexes in, each once (an index on the row key
	 * shares the rows' map).
	 */
	@SuppressWarnings("unchecked")
	private static List<MVMap<Object, Object>> maps(Table table) {
		if (table.isView() || table.getIndexes() == null) {
			return List.of();
		}
		Map<Integer, MVMap<Object, Object>> maps = new LinkedHashMap<>();
		for (Index index : table.getIndexes()) {
			if (index instanceof MVIndex<?, ?> stored) {
				maps.putIfAbsent(stored.getMVMap().getId(), (MVMap<Object, Object>) (MVMap<?, ?>) stored.getMVMap());
			}
		}
		return List.copyOf(maps.values());
	}

	private List<Object> keysOfLeftovers(MVMap<Object, Object> map) {
		List<Object> keys = new ArrayList<>();
		for (var cursor = map.cursor(null); cursor.hasNext();) {
			Object key = cursor.next();
			if (cursor.getValue() instanceof VersionedValue<?> value && value.getOperationId() != 0
					&& !this.open.get(transactionOf(value.getOperationId()))) {
				keys.add(key);
			}
		}
		return keys;
	}

	/** H2's operation id: the transaction's number above 40 bits of its undo log's. */
	private static int transactionOf(long operationId) {
		return (int) (operationId >>> 40);
	}

	/**
	 * A table, by its schema's name and its own, as H2 spells them.
	 */
	record TableName(String schema, String table) {

		private static final char SEPARATOR = '\t';

		static TableName parse(String text) {
			int separator = text.indexOf(SEPARATOR);
			return new TableName(text.substring(0, separator), text.substring(separator + 1));
		}

		String text() {
			return this.schema + SEPARATOR + this.table;
		}

		@Override
		public String toString() {
			return this.schema + "." + this.table;
		}

	}

}
