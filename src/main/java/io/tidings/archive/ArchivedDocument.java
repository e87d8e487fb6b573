package io.tidings.archive;

/**
 * Where an archived document is and what its bytes hash to.
 *
 * @param relativePath path relative to the archive root
 * @param sha256 lower-case hex SHA-256 of the bytes
 */
public record ArchivedDocument(String relativePath, String sha256) {

}
