package io.tidings.outbox;

/**
 * Customer ids from {@code first} to {@code last}, both included: the customers of one
 * partition of a stage that several workers share. Every communication of a customer
 * falls in one range. Ranges are compared by the database's ordering of customer ids
 * ({@code BETWEEN}), which may differ from Java's: never test membership in Java.
 */
public record CustomerRange(String first, String last) {

}
