package io.tidings.console;

import java.time.ZoneId;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page gets: the CSRF token for its forms, the user and their roles
 * (admins have every role), whether the demo users are active, and the formatter.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleModel {

	private final ConsoleUsers users;

	private final ConsoleFormat format = new ConsoleFormat(ZoneId.systemDefault());

	ConsoleModel(ConsoleUsers users) {
		this.users = users;
	}

	@ModelAttribute
	void common(Model model, HttpServletRequest request) {
		Object token = request.getAttribute(CsrfToken.class.getName());
		if (token instanceof CsrfToken csrf) {
			model.addAttribute("csrf", csrf);
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		boolean admin = hasRole(authentication, "ROLE_ADMIN");
		model.addAttribute("user", (authentication != null && authentication.isAuthenticated()
				&& !"anonymousUser".equals(authentication.getName())) ? authentication.getName() : "");
		model.addAttribute("ops", admin || hasRole(authentication, "ROLE_OPS"));
		model.addAttribute("callCentre",
				admin || hasRole(authentication, "ROLE_CALL_CENTRE") || hasRole(authentication, "ROLE_OPS"));
		model.addAttribute("admin", admin);
		model.addAttribute("demo", this.users.demo());
		model.addAttribute("fmt", this.format);
	}

	private static boolean hasRole(@Nullable Authentication authentication, String role) {
		return authentication != null
				&& authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(role::equals);
	}

}
