package io.tidings.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The console's entry: the login page, the start page of each role, the refusal page.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class HomeController {

	@GetMapping("/")
	String home(Authentication authentication) {
		boolean ops = authentication.getAuthorities()
			.stream()
			.anyMatch((role) -> role.getAuthority().equals("ROLE_OPS") || role.getAuthority().equals("ROLE_ADMIN"));
		return ops ? "redirect:/jobs" : "redirect:/customers";
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@RequestMapping("/denied")
	@ResponseStatus(HttpStatus.FORBIDDEN)
	String denied() {
		return "denied";
	}

}
