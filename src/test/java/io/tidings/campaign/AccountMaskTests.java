package io.tidings.campaign;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AccountMaskTests {

	@Test
	void shouldShowTheCountryCodeAndTheLastFourOfAnIbanInGroupsOfFourByDefault() {
		AccountMask mask = new StatementSettings("2,4").mask();
		assertThat(mask.apply("GB82WEST12345698765432")).isEqualTo("GB•• •••• •••• •••• ••54 32");
		assertThat(mask.apply("PT50000201231234567890154")).isEqualTo("PT•• •••• •••• •••• •••• •015 4");
	}

	@Test
	void shouldMaskAnAccountNumberWithoutGroupingIt() {
		assertThat(AccountMask.parse("0, 4").apply("6222021234567890123")).isEqualTo("•••••••••••••••0123");
		assertThat(AccountMask.parse("2,4").apply("12-345")).isEqualTo("12-345");
	}

	@Test
	void shouldPrintTheIdentifierInFullWhenTheBankSaysNone() {
		assertThat(AccountMask.parse("none").apply("GB82WEST12345698765432")).isEqualTo("GB82 WEST 1234 5698 7654 32");
		assertThat(AccountMask.parse("none").apply("")).isEmpty();
	}

	@Test
	void shouldRefuseASettingItCannotRead() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StatementSettings("last 4"))
			.withMessageContaining("tidings.statement.account-mask")
			.withMessageContaining("'last 4'");
	}

}
