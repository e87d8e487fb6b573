/**
 * Customers: the single customer view (one id per person across source files), customer
 * file import with matching and merging of duplicates, account transactions, and the
 * facts that segment and offer rules read.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "csv" })
@org.jspecify.annotations.NullMarked
package io.tidings.customer;
