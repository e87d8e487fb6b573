package io.tidings.csv;

/**
 * A record as it was read from an input file, kept so that a rejected record can be
 * written to the reject file exactly as it came.
 */
public interface SourceRecord {

	long line();

	String record();

}
