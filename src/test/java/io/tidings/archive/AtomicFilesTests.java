package io.tidings.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TidingsHome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Atomic files in a home folder shared by several hosts: each process writes through a
 * temporary folder named by its host and process id, and a starting process cleans only
 * what ended processes of its own host left.
 */
class AtomicFilesTests {

	private static final long SELF = ProcessHandle.current().pid();

	@TempDir
	Path home;

	@Test
	void shouldNameTheTemporaryFolderByHostAndProcess() throws IOException {
		// given
		AtomicFiles files = new AtomicFiles(new TidingsHome(this.home));
		TemporaryFolders thisHost = TemporaryFolders.ofThisHost(this.home.resolve("tmp"));
		// when
		Path folder = files.temporaryFolder();
		// then
		assertThat(folder).isEqualTo(this.home.resolve("tmp").resolve(thisHost.host() + "-" + SELF));
		assertThat(thisHost.host()).matches("[A-Za-z0-9.-]+(_\\d+)?");
	}

	@Test
	void shouldDeleteOnlyTheFoldersOfEndedProcessesOfItsOwnHost() throws IOException {
		// given folders of this host (one of a live process, one of an ended one, one of
		// this process's id used before), another host's and one named by process id
		// alone
		long ended = endedProcess();
		long alive = ProcessHandle.current().parent().orElseThrow().pid();
		TemporaryFolders thisHost = TemporaryFolders.ofThisHost(this.home.resolve("tmp"));
		Path endedHere = scratch(thisHost.of(ended));
		Path aliveHere = scratch(thisHost.of(alive));
		Path otherHost = scratch(new TemporaryFolders(thisHost.root(), "other-host").of(ended));
		Path otherSpace = scratch(new TemporaryFolders(thisHost.root(), thisHost.host() + "1").of(ended));
		Path oldStyleEnded = scratch(thisHost.root().resolve(String.valueOf(ended)));
		Path oldStyleAlive = scratch(thisHost.root().resolve(String.valueOf(alive)));
		// when a process starts
		new AtomicFiles(new TidingsHome(this.home));
		// then
		assertThat(endedHere).doesNotExist();
		assertThat(oldStyleEnded).as("left by a version that did not name the host").doesNotExist();
		assertThat(aliveHere).exists();
		assertThat(otherHost).as("its process id means nothing here").exists();
		assertThat(otherSpace).as("another host whose name starts with this one's").exists();
		assertThat(oldStyleAlive).exists();
	}

	@Test
	void shouldMoveAWholeFileIntoPlaceAndLeaveNothingBehind() throws IOException {
		// given
		AtomicFiles files = new AtomicFiles(new TidingsHome(this.home));
		Path target = this.home.resolve("archive/2026/a.pdf");
		// when
		files.write(target, "%PDF-1.7 whole".getBytes());
		files.write(target, "%PDF-1.7 again".getBytes());
		// then
		assertThat(target).hasContent("%PDF-1.7 again");
		assertThat(files.temporaryFolder()).isEmptyDirectory();
	}

	@Test
	void shouldWriteFilesAndFoldersOnlyTheirOwnerMayRead() throws IOException {
		// given
		AtomicFiles files = new AtomicFiles(new TidingsHome(this.home));
		Path target = this.home.resolve("out/campaign/2026-09-30/email/a.eml");
		// when
		files.write(target, "Subject: statement".getBytes());
		// then
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
		for (Path folder = target.getParent(); !folder.equals(this.home); folder = folder.getParent()) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).as(folder.toString())
				.isEqualTo("rwx------");
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.temporaryFolder())))
			.isEqualTo("rwx------");
	}

	@Test
	void shouldLeaveNoFileWhenTheContentFails() throws IOException {
		// given
		AtomicFiles files = new AtomicFiles(new TidingsHome(this.home));
		Path target = this.home.resolve("out/streams/stream-1.pdf");
		// when
		assertThatIOException().isThrownBy(() -> files.write(target, out -> {
			out.write("%PDF-1.7 half".getBytes());
			throw new IOException("disk full");
		}));
		// then
		assertThat(target).doesNotExist();
		assertThat(files.temporaryFolder()).isEmptyDirectory();
	}

	@Test
	void shouldWriteFilesInTheBackgroundAndTellWhenEachIsInPlace() throws IOException {
		// given
		AtomicFiles files = new AtomicFiles(new TidingsHome(this.home));
		List<Path> targets = IntStream.range(0, 40)
			.mapToObj(i -> this.home.resolve("archive/" + (i % 4) + "/" + i + ".eml"))
			.toList();
		// when
		List<CompletableFuture<Void>> written = targets.stream()
			.map(target -> files.writeInBackground(target, target.getFileName().toString().getBytes()))
			.toList();
		written.forEach(CompletableFuture::join);
		// then
		assertThat(targets).allSatisfy(target -> assertThat(target).hasContent(target.getFileName().toString()));
		assertThat(files.temporaryFolder()).isEmptyDirectory();
	}

	@Test
	void shouldFailABackgroundWriteWithTheFileItCouldNotWrite() throws IOException {
		// given a file where the target's folder should be
		AtomicFiles files = new AtomicFiles(new TidingsHome(this.home));
		Files.writeString(this.home.resolve("archive"), "not a folder");
		Path target = this.home.resolve("archive/ab/ab12.eml");
		// when
		CompletableFuture<Void> written = files.writeInBackground(target, "Subject: statement".getBytes());
		// then
		assertThatExceptionOfType(CompletionException.class).isThrownBy(written::join)
			.havingCause()
			.isInstanceOf(UncheckedIOException.class)
			.withMessageContaining(target.toString());
	}

	private static Path scratch(Path folder) throws IOException {
		Files.createDirectories(folder);
		Files.writeString(folder.resolve("0f3c.part"), "half a document");
		return folder;
	}

	/** The id of a process that has ended. */
	private static long endedProcess() throws IOException {
		Process process = new ProcessBuilder("true").start();
		try {
			process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		return process.pid();
	}

}
