package io.tidings.schedule;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the job files are. The property keeps the console's prefix
 * ({@code tidings.console.jobs}), the name users configure.
 *
 * @param jobs the folder of job files the console shows and the scheduler runs
 */
@ConfigurationProperties("tidings.console")
record JobCatalogSettings(@DefaultValue("jobs") Path jobs) {

}
