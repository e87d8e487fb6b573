package io.tidings.history;

import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.customer.SourceRecordEntry;
import io.tidings.outbox.Communication;
import io.tidings.outbox.DocumentKind;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customer histories against the H2 database of a real run of the small campaign.
 */
@SpringBootTest
class CustomerHistoriesTests {

	@TempDir
	static Path folder;

	private static boolean ran;

	@Autowired
	CampaignRunner runner;

	@Autowired
	CustomerHistories histories;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@BeforeEach
	void runTheCampaignOnce() {
		if (!ran) {
			RunReport report = this.runner.run(TestCampaigns.smallCampaign(folder.resolve("campaign")),
					LocalDate.of(2026, 9, 30), false);
			assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
			ran = true;
		}
	}

	@Test
	void shouldFindTheHistoryOfTheCustomerASourceRecordWasMergedInto() {
		// when
		CustomerHistory history = this.histories.find("T910").orElseThrow();
		// then
		assertThat(history.customer().id()).isEqualTo("T009");
		assertThat(history.mergedSourceId()).isEqualTo("T910");
		assertThat(history.mergeLog()).extracting(SourceRecordEntry::sourceId).contains("T009", "T910");
		assertThat(history.communications()).extracting(Communication::kind)
			.containsExactlyInAnyOrder(DocumentKind.STATEMENT, DocumentKind.CROSS_SELL);
		assertThat(history.communications()).allSatisfy(c -> assertThat(c.decisionReason()).isNotBlank());
		assertThat(history.communicationsNewestFirst()).containsExactly(history.communications().get(1),
				history.communications().get(0));
		assertThat(history.communications().get(0).plannedAt())
			.isBeforeOrEqualTo(history.communications().get(1).plannedAt());
		assertThat(history.permissions()).isNotNull();
		assertThat(this.histories.find("T009").orElseThrow().mergedSourceId()).as("asked by its own id").isNull();
	}

	@Test
	void shouldGatherEverythingHeldOnACustomerAsStored() {
		// when
		CustomerRecords records = this.histories.records("T004").orElseThrow();
		// then
		assertThat(records.customer().get("first_name")).isEqualTo("小明");
		assertThat(records.communications()).hasSize(2)
			.allSatisfy(row -> assertThat(row.get("customer_id")).isEqualTo("T004"));
		assertThat(records.sourceRecords()).isNotEmpty();
		assertThat(records.consentEvents()).isNotEmpty();
		assertThat(records.audiences()).hasSize(1);
		assertThat(this.histories.records("T910")).as("by customer id only").isEmpty();
	}

	@Test
	void shouldFindNothingForAnUnknownCustomer() {
		assertThat(this.histories.find("NOBODY")).isEmpty();
		assertThat(this.histories.records("NOBODY")).isEmpty();
	}

}
