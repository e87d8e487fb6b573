/**
 * CSV input and output shared by every import: strict UTF-8 reading, header checks,
 * reject files next to the input, and CSV cells that are safe to open in a spreadsheet.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
@org.jspecify.annotations.NullMarked
package io.tidings.csv;
