package io.tidings.segment;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.tidings.customer.CustomerFacts;
import io.tidings.customer.CustomerFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CustomerExpressionTests {

	@Test
	void shouldEvaluateFactsHoldingsAndAttributes() {
		var facts = CustomerFacts.of(CustomerFixture.aCustomer(), LocalDate.of(2026, 9, 30));
		assertThat(CustomerExpression.parse("age == 41 and country == 'GB' and children > 0").test(facts)).isTrue();
		assertThat(CustomerExpression.parse("holds['CURRENT_ACCOUNT'] and not holds['MORTGAGE']").test(facts)).isTrue();
		assertThat(CustomerExpression.parse("attr['trips_12m'] >= 1 and attr['unknown'] == ''").test(facts)).isTrue();
		assertThat(CustomerExpression.parse("balance > 10000").test(facts)).isFalse();
	}

	@Test
	void shouldFindMisspeltFactsWhenParsed() {
		assertThatIllegalArgumentException().isThrownBy(() -> CustomerExpression.parse("balanse > 10"))
			.withMessageContaining("balanse");
		assertThatIllegalArgumentException().isThrownBy(() -> CustomerExpression.parse("age >"))
			.withMessageContaining("invalid expression");
	}

}
