package io.tidings.segment;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.customer.CustomerFacts;
import io.tidings.customer.CustomerFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Expressions of job and offer files that try to run code: each is refused with a message
 * naming the expression and what it tried, and nothing it tried happens.
 */
class CustomerExpressionSandboxTests {

	@TempDir
	Path folder;

	@Test
	void shouldRefuseTypeReferencesAndRunNothing() {
		Path marker = this.folder.resolve("executed");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomerExpression
				.parse("T(java.lang.Runtime).getRuntime().exec('touch " + marker + "') != null"))
			.withMessageStartingWith("expression 'T(java.lang.Runtime)")
			.withMessageContaining("Type cannot be found 'java.lang.Runtime'");
		assertThat(marker).doesNotExist();
	}

	@Test
	void shouldRefuseConstructors() {
		Path marker = this.folder.resolve("created");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomerExpression.parse("new java.io.File('" + marker + "').createNewFile()"))
			.withMessageContaining("java.io.File");
		assertThatIllegalArgumentException().isThrownBy(() -> CustomerExpression.parse("new String('x') == 'x'"))
			.withMessageStartingWith("expression 'new String('x') == 'x'': ");
		assertThat(marker).doesNotExist();
	}

	@Test
	void shouldRefuseMethodCallsOnFactsAndOnStrings() {
		assertThatIllegalArgumentException().isThrownBy(() -> CustomerExpression.parse("country.toLowerCase() == 'gb'"))
			.withMessageContaining("Method call: Method toLowerCase() cannot be found");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomerExpression.parse("'x'.getClass().forName('java.lang.Runtime') != null"))
			.withMessageContaining("Method call: Method getClass() cannot be found");
	}

	@Test
	void shouldRefuseBeanReferences() {
		assertThatIllegalArgumentException().isThrownBy(() -> CustomerExpression.parse("@customerRepository != null"))
			.withMessageContaining("customerRepository");
		assertThatIllegalArgumentException().isThrownBy(() -> CustomerExpression.parse("&jobOperator != null"))
			.withMessageContaining("jobOperator");
	}

	@Test
	void shouldRefuseAssignmentsSoThatNoRuleChangesTheFactsOthersSee() {
		// given
		Map<String, Object> facts = new HashMap<>(
				CustomerFacts.of(CustomerFixture.aCustomer(), LocalDate.of(2026, 9, 30)));
		Object tier = facts.get("tier");
		// when / then
		assertThatIllegalArgumentException().isThrownBy(() -> CustomerExpression.parse("(tier = 'core') == 'core'"))
			.withMessageContaining("tier");
		CustomerExpression valid = CustomerExpression.parse("age > 0");
		assertThat(valid.test(facts)).isTrue();
		assertThat(facts.get("tier")).isEqualTo(tier);
	}

	@Test
	void shouldBoundRegularExpressionsAndRepeatedText() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomerExpression.parse("city matches '" + "(a|a)*".repeat(300) + "'"))
			.withMessageStartingWith("expression 'city matches");
		assertThatIllegalArgumentException().isThrownBy(() -> CustomerExpression.parse("('x' * 100000) == ''"))
			.withMessageContaining("100000");
	}

}
