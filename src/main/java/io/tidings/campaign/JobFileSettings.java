package io.tidings.campaign;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of job files ({@code tidings.jobs.*}).
 *
 * @param allowedRoots folders whose files job files may name (template folders, offers,
 * inputs); unset: the job file's project folder and the home
 */
@ConfigurationProperties("tidings.jobs")
record JobFileSettings(@Nullable List<Path> allowedRoots) {
}
