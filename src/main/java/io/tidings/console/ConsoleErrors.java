package io.tidings.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.Failures;
import io.tidings.InvalidInputException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Errors of console pages as pages that say what went wrong, never a stack trace.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleErrors {

	private static final Logger logger = LoggerFactory.getLogger(ConsoleErrors.class);

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(NotFoundException ex, Model model) {
		model.addAttribute("title", "Not found");
		model.addAttribute("message", ex.getMessage());
		return "error-page";
	}

	@ExceptionHandler(InvalidInputException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String invalid(InvalidInputException ex, Model model) {
		model.addAttribute("title", "Cannot do that");
		model.addAttribute("message", ex.getMessage());
		return "error-page";
	}

	/** A malformed id in the path, such as {@code /runs/abc}, or a bad parameter. */
	@ExceptionHandler(TypeMismatchException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String badRequest(TypeMismatchException ex, Model model) {
		model.addAttribute("title", "Bad request");
		String what = (ex.getPropertyName() != null) ? ex.getPropertyName() : "request";
		model.addAttribute("message", "Not a valid " + what + ".");
		return "error-page";
	}

	@ExceptionHandler(RuntimeException.class)
	@ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
	String failed(RuntimeException ex, Model model) {
		logger.warn("Console request failed: {}", Failures.place(ex));
		model.addAttribute("title", "Something went wrong");
		model.addAttribute("message", "The request failed. The server log has the details.");
		return "error-page";
	}

	/**
	 * What a page asked for does not exist; the message says what.
	 */
	static class NotFoundException extends RuntimeException {

		NotFoundException(String message) {
			super(message);
		}

	}

}
