/**
 * CSV input and output shared by every import: strict decoding (UTF-8 unless the user
 * names another encoding), header checks, streamed XLSX sheets, reject files next to the
 * input, and CSV cells that are safe to open in a spreadsheet.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
@org.jspecify.annotations.NullMarked
package io.tidings.csv;
