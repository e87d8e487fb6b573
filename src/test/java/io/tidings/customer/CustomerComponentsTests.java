package io.tidings.customer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerComponentsTests {

	@TempDir
	Path folder;

	@Test
	void shouldKeepRecordsLinkedThroughOthersTogetherAndFillPartitionsEvenly() throws Exception {
		// lines 2 and 9 share nothing but are both linked to line 5
		Path links = Files.writeString(this.folder.resolve("links"), """
				2 a1 b2
				3 c3
				4 d4
				5 b2 e5
				6 f6
				7 a7
				9 e5 99
				""");

		long[] counts = CustomerComponents.split(links, 3, this.folder);

		assertThat(counts).containsExactly(3, 2, 2);
		BitSet first = CustomerComponents.read(CustomerComponents.linesFile(this.folder, 0));
		assertThat(first.stream()).containsExactly(2, 5, 9);
		assertThat(CustomerComponents.read(CustomerComponents.linesFile(this.folder, 1)).stream()).containsExactly(3,
				6);
		assertThat(CustomerComponents.read(CustomerComponents.linesFile(this.folder, 2)).stream()).containsExactly(4,
				7);
	}

	@Test
	void shouldLeavePartitionsEmptyWhenThereAreFewerRecords() throws Exception {
		Path links = Files.writeString(this.folder.resolve("links"), "2 a1\n");

		assertThat(CustomerComponents.split(links, 4, this.folder)).containsExactly(1, 0, 0, 0);
		assertThat(CustomerComponents.read(CustomerComponents.linesFile(this.folder, 3)).isEmpty()).isTrue();
	}

}
