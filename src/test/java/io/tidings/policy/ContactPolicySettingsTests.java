package io.tidings.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.InvalidInputException;
import io.tidings.TestCampaigns;
import io.tidings.campaign.CampaignDefinition;
import io.tidings.outbox.Channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ContactPolicySettingsTests {

	@TempDir
	Path folder;

	@Test
	void shouldAvoidSaturdaysAndHolidaysAndHoldSmsAtNightByDefaultInAPolicySection() throws IOException {
		ContactPolicy policy = load("policy: {}\n").policy();
		assertThat(policy.configured()).isTrue();
		assertThat(policy.calendar().avoidWeekdays()).containsExactly(DayOfWeek.SATURDAY);
		assertThat(policy.calendar().publicHolidays()).isTrue();
		assertThat(policy.sendWindows().get(Channel.SMS)).hasToString("08:00-20:00");
		assertThat(policy.frequencyCaps()).isEmpty();
		assertThat(policy.dailyCapacity()).isNull();
	}

	@Test
	void shouldKeepEveryOtherRuleOffWithoutAPolicySection() throws IOException {
		assertThat(load("").policy()).isEqualTo(ContactPolicy.NONE);
	}

	@Test
	void shouldDeriveDailyCapacityFromTheCallCentreAndTheResponseRate() throws IOException {
		ContactPolicy policy = load("""
				policy:
				  capacity:
				    responses-per-day: 500
				    response-rate: 0.05
				""").policy();
		assertThat(policy.dailyCapacity()).isEqualTo(10_000);
	}

	@Test
	void shouldRefuseACapOfZeroNamingTheSettingAndLine() {
		assertRefused("""
				policy:
				  frequency-caps:
				    - { max: 0, per: week }
				""", ":30: field 'policy.frequency-caps[0].max': must be at least 1, found 0");
	}

	@Test
	void shouldRefuseASendWindowThatNeverOpens() {
		assertRefused("""
				policy:
				  send-windows:
				    sms: "20:00-08:00"
				""", ":30: field 'policy.send-windows.sms': the window 20:00-08:00 never opens");
	}

	@Test
	void shouldRefuseAnUnknownCountry() {
		assertRefused("""
				policy:
				  time-zones:
				    XX: Europe/Lisbon
				""", ":30: field 'policy.time-zones.XX': unknown country 'XX'");
	}

	@Test
	void shouldRefuseContradictoryCapacitySettings() {
		assertRefused("""
				policy:
				  capacity:
				    per-day: 100
				    response-rate: 0.05
				""", "field 'policy.capacity': give either per-day, or responses-per-day and response-rate");
	}

	@Test
	void shouldRefuseACalendarWithNoDayLeft() {
		assertRefused("""
				policy:
				  calendar:
				    avoid-weekdays: [monday, tuesday, wednesday, thursday, friday, saturday, sunday]
				""", "field 'policy.calendar.avoid-weekdays': every weekday is avoided");
	}

	@Test
	void shouldRefuseAnUnknownChannelInATier() {
		assertRefused("""
				policy:
				  channels:
				    tiers:
				      core: [print, fax]
				""", ":31: field 'policy.channels.tiers.core[1]': must be one of print, email, sms, found 'fax'");
	}

	private CampaignDefinition load(String policy) throws IOException {
		Path job = TestCampaigns.smallCampaign(this.folder);
		Files.writeString(job, Files.readString(job) + policy);
		return CampaignDefinition.load(job);
	}

	private void assertRefused(String policy, String message) {
		Path job = TestCampaigns.smallCampaign(this.folder);
		try {
			Files.writeString(job, Files.readString(job) + policy);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> CampaignDefinition.load(job))
			.withMessageStartingWith(job.toString())
			.withMessageContaining(message);
	}

}
