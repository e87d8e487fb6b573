package io.tidings.cli;

import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * The constraints of {@code @Validated} settings that the values given break, one line
 * for the terminal: {@code tidings.run.delivery-threads must be at least 1, not 0}.
 */
final class BrokenConstraints {

	private BrokenConstraints() {
	}

	static String of(ValidationErrors errors) {
		return errors.getAllErrors()
			.stream()
			.map(error -> reason(errors, error))
			.sorted()
			.collect(Collectors.joining("; "));
	}

	private static String reason(ValidationErrors errors, ObjectError error) {
		if (!(error instanceof FieldError field)) {
			return errors.getName() + " " + error.getDefaultMessage();
		}
		// the field is the record component's name (deliveryThreads)
		String setting = errors.getName() + "." + DataObjectPropertyName.toDashedForm(field.getField());
		return setting + " " + field.getDefaultMessage() + ", not " + given(errors, setting, field);
	}

	/** The value as written (5s rather than PT5S), else as bound. */
	private static Object given(ValidationErrors errors, String setting, FieldError field) {
		ConfigurationPropertyName name = ConfigurationPropertyName.adapt(setting, '.');
		for (ConfigurationProperty property : errors.getBoundProperties()) {
			if (property.getName().equals(name)) {
				return property.getValue();
			}
		}
		return String.valueOf(field.getRejectedValue());
	}

}
