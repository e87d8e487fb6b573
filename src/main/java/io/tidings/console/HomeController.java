package io.tidings.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The console's entry: the login page, the start page of each role, the refusal page.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class HomeController {

	private final ObjectProvider<ClientRegistrationRepository> singleSignOn;

	private final ConsoleUsers users;

	HomeController(ObjectProvider<ClientRegistrationRepository> singleSignOn, ConsoleUsers users) {
		this.singleSignOn = singleSignOn;
		this.users = users;
	}

	@GetMapping("/")
	String home(Authentication authentication) {
		boolean ops = authentication.getAuthorities()
			.stream()
			.anyMatch((role) -> role.getAuthority().equals("ROLE_OPS") || role.getAuthority().equals("ROLE_ADMIN"));
		return ops ? "redirect:/jobs" : "redirect:/customers";
	}

	@GetMapping("/login")
	String login(Model model) {
		List<ClientRegistration> providers = new ArrayList<>();
		if (this.singleSignOn.getIfAvailable() instanceof Iterable<?> registrations) {
			registrations.forEach((registration) -> providers.add((ClientRegistration) registration));
		}
		model.addAttribute("providers", providers.stream()
			.map((registration) -> Map.of("id", registration.getRegistrationId(), "name", registration.getClientName()))
			.toList());
		model.addAttribute("passwords", !this.users.none());
		return "login";
	}

	@RequestMapping("/denied")
	@ResponseStatus(HttpStatus.FORBIDDEN)
	String denied() {
		return "denied";
	}

}
