package io.tidings.render;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import freemarker.template.TemplateBooleanModel;
import freemarker.template.TemplateHashModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateModelIterator;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;

/**
 * {@code msg("key")} or {@code msg("key", {"name": value, ...})} in a template: the
 * message of the document's language. A hash of the model (such as {@code customer}) can
 * be the arguments; its strings and numbers are the named arguments, its other values are
 * ignored.
 */
final class MessageMethod implements TemplateMethodModelEx {

	private final Messages messages;

	MessageMethod(Messages messages) {
		this.messages = messages;
	}

	@Override
	public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
		if (arguments.isEmpty() || arguments.size() > 2 || !(arguments.get(0) instanceof TemplateScalarModel key)) {
			throw new TemplateModelException("msg takes a message key and, optionally, a hash of arguments");
		}
		Map<String, Object> named = new HashMap<>();
		if (arguments.size() == 2) {
			if (!(arguments.get(1) instanceof TemplateHashModelEx hash)) {
				throw new TemplateModelException("the arguments of msg(\"" + key.getAsString() + "\") must be a hash");
			}
			TemplateModelIterator names = hash.keys().iterator();
			while (names.hasNext()) {
				String name = ((TemplateScalarModel) names.next()).getAsString();
				Object value = plain(hash.get(name));
				if (value != null) {
					named.put(name, value);
				}
			}
		}
		try {
			return this.messages.format(key.getAsString(), named);
		}
		catch (IllegalArgumentException ex) {
			throw new TemplateModelException(ex.getMessage());
		}
	}

	private static Object plain(TemplateModel value) throws TemplateModelException {
		if (value instanceof TemplateNumberModel number) {
			return number.getAsNumber();
		}
		if (value instanceof TemplateScalarModel text) {
			return text.getAsString();
		}
		if (value instanceof TemplateBooleanModel bool) {
			return String.valueOf(bool.getAsBoolean());
		}
		return null;
	}

}
