package io.tidings.segment;

import java.util.Map;

import io.tidings.customer.CustomerFacts;

import org.springframework.expression.EvaluationContext;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.MapAccessor;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/**
 * A boolean expression over {@link CustomerFacts customer facts}, such as
 * {@code age >= 25 and children > 0 and not holds['MORTGAGE']}. Written in the Spring
 * Expression Language, evaluated in a {@link SimpleEvaluationContext} that reads only the
 * facts: no type references, constructors, method calls, bean access or assignments, so
 * an expression in a job or offer file can never run code or change the facts other rules
 * see.
 */
public final class CustomerExpression {

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private static final EvaluationContext SANDBOX = SimpleEvaluationContext
		.forPropertyAccessors(new MapAccessor(false))
		.withAssignmentDisabled()
		.build();

	private final String text;

	private final Expression expression;

	private CustomerExpression(String text, Expression expression) {
		this.text = text;
		this.expression = expression;
	}

	/**
	 * Parses an expression and tries it on example facts, so that a misspelt fact name or
	 * a type error is found when a job is loaded rather than halfway through a run.
	 * @throws IllegalArgumentException with a message fit for the user
	 */
	public static CustomerExpression parse(String text) {
		Expression expression;
		try {
			expression = PARSER.parseExpression(text);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException(
					"invalid expression '" + text + "': " + ex.getSimpleMessage() + " at position " + ex.getPosition());
		}
		CustomerExpression parsed = new CustomerExpression(text, expression);
		parsed.test(CustomerFacts.example());
		return parsed;
	}

	/**
	 * Evaluates the expression.
	 * @throws IllegalArgumentException when it does not evaluate to true or false
	 */
	public boolean test(Map<String, Object> facts) {
		try {
			Boolean result = this.expression.getValue(SANDBOX, facts, Boolean.class);
			if (result == null) {
				throw new IllegalArgumentException("expression '" + this.text + "' gave no value");
			}
			return result;
		}
		catch (EvaluationException ex) {
			throw new IllegalArgumentException("expression '" + this.text + "': " + ex.getMessage());
		}
	}

	public String text() {
		return this.text;
	}

	@Override
	public String toString() {
		return this.text;
	}

}
