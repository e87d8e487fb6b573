package io.tidings.customer;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Splits a customer file's valid records into partitions that can be matched side by
 * side: records that share a {@link CustomerRecordLinks key}, directly or through other
 * records, form a component, and each component goes whole to the partition with the
 * fewest records so far (in the order of the file, so the split is the same each time).
 * Works from the link file the first pass wrote (a line a record: its line number, then
 * its keys in hexadecimal) in two arrays sized by the file: a record's keys are sorted
 * together with its index, so that a million records with five keys each take about 40
 * MB.
 */
final class CustomerComponents {

	private CustomerComponents() {
	}

	/**
	 * Writes a file of line numbers for each partition ({@link #linesFile}).
	 * @return the records in each partition
	 */
	static long[] split(Path links, int partitions, Path folder) throws IOException {
		int records = 0;
		long entries = 0;
		try (BufferedReader reader = Files.newBufferedReader(links, StandardCharsets.US_ASCII)) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				records++;
				entries += fields(line) - 1;
			}
		}
		if (entries > Integer.MAX_VALUE - 8) {
			throw new IllegalStateException("Too many record keys to split into partitions: " + entries);
		}
		int indexBits = Math.max(1, 64 - Long.numberOfLeadingZeros(records));
		long indexMask = (1L << indexBits) - 1;
		// hash | flag (the key links always) | record index
		int hashShift = indexBits + 1;
		long always = 1L << indexBits;
		long[] packed = new long[(int) entries];
		int[] lines = new int[records];
		try (BufferedReader reader = Files.newBufferedReader(links, StandardCharsets.US_ASCII)) {
			int record = 0;
			int entry = 0;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String[] fields = line.split(" ");
				lines[record] = Integer.parseInt(fields[0]);
				for (int i = 1; i < fields.length; i++) {
					String key = fields[i];
					boolean conditional = key.endsWith("?");
					long hash = Long.parseUnsignedLong(conditional ? key.substring(0, key.length() - 1) : key, 16);
					packed[entry++] = (hash << hashShift) | (conditional ? 0 : always) | record;
				}
				record++;
			}
		}
		Arrays.sort(packed);
		int[] parent = new int[records];
		int[] size = new int[records];
		for (int i = 0; i < records; i++) {
			parent[i] = i;
			size[i] = 1;
		}
		for (int start = 0; start < packed.length;) {
			int end = start + 1;
			boolean linking = (packed[start] & always) != 0;
			while (end < packed.length && (packed[end] >>> hashShift) == (packed[start] >>> hashShift)) {
				linking |= (packed[end] & always) != 0;
				end++;
			}
			if (linking) {
				for (int i = start + 1; i < end; i++) {
					union(parent, size, (int) (packed[i] & indexMask), (int) (packed[start] & indexMask));
				}
			}
			start = end;
		}
		int[] partitionOf = new int[records];
		Arrays.fill(partitionOf, -1);
		long[] counts = new long[partitions];
		List<BitSet> chosen = new ArrayList<>();
		for (int i = 0; i < partitions; i++) {
			chosen.add(new BitSet());
		}
		for (int i = 0; i < records; i++) {
			int root = find(parent, i);
			if (partitionOf[root] < 0) {
				int fewest = 0;
				for (int p = 1; p < partitions; p++) {
					if (counts[p] < counts[fewest]) {
						fewest = p;
					}
				}
				partitionOf[root] = fewest;
				counts[fewest] += size[root];
			}
			chosen.get(partitionOf[root]).set(lines[i]);
		}
		for (int p = 0; p < partitions; p++) {
			write(chosen.get(p), linesFile(folder, p));
		}
		return counts;
	}

	static Path linesFile(Path folder, int partition) {
		return folder.resolve("lines-" + partition);
	}

	/** The line numbers of a partition's records. */
	static BitSet read(Path linesFile) {
		BitSet lines = new BitSet();
		try (BufferedReader reader = Files.newBufferedReader(linesFile, StandardCharsets.US_ASCII)) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lines.set(Integer.parseInt(line));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the records of an import partition from " + linesFile, ex);
		}
		return lines;
	}

	private static int fields(String line) {
		int count = 1;
		for (int i = line.indexOf(' '); i >= 0; i = line.indexOf(' ', i + 1)) {
			count++;
		}
		return count;
	}

	private static int find(int[] parent, int record) {
		int root = record;
		while (parent[root] != root) {
			root = parent[root];
		}
		for (int next = record; parent[next] != root;) {
			int up = parent[next];
			parent[next] = root;
			next = up;
		}
		return root;
	}

	private static void union(int[] parent, int[] size, int a, int b) {
		int rootA = find(parent, a);
		int rootB = find(parent, b);
		if (rootA == rootB) {
			return;
		}
		if (size[rootA] < size[rootB]) {
			int swap = rootA;
			rootA = rootB;
			rootB = swap;
		}
		parent[rootB] = rootA;
		size[rootA] += size[rootB];
	}

	/** Written whole or not at all: a restarted split finds no half file. */
	private static void write(BitSet lines, Path file) throws IOException {
		Path part = file.resolveSibling(file.getFileName() + ".part");
		try (BufferedWriter writer = Files.newBufferedWriter(part, StandardCharsets.US_ASCII)) {
			for (int line = lines.nextSetBit(0); line >= 0; line = lines.nextSetBit(line + 1)) {
				writer.write(Integer.toString(line));
				writer.newLine();
			}
		}
		try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
		Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
