package io.tidings.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.tidings.archive.DocumentArchive;
import io.tidings.audit.AuditLog;
import io.tidings.history.CustomerHistories;
import io.tidings.history.CustomerHistory;
import io.tidings.outbox.Communication;
import io.tidings.print.PrintProofs;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The call-centre view: search customers, see one customer's consent state and every
 * communication with its offer, reasons and exact archived document. Every search (with
 * its terms), customer view and document view (download, page image, email HTML) is in
 * the audit log.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class CustomersController {

	/**
	 * Email HTML is shown in a sandboxed frame: no scripts, no forms, no requests out.
	 */
	private static final String EMAIL_POLICY = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";

	private final CustomerViews views;

	private final CustomerHistories histories;

	private final AuditLog audit;

	CustomersController(CustomerViews views, CustomerHistories histories, AuditLog audit) {
		this.views = views;
		this.histories = histories;
		this.audit = audit;
	}

	@GetMapping("/customers")
	String search(@RequestParam(name = "q", required = false) @Nullable String query, Model model,
			Authentication user) {
		model.addAttribute("q", (query != null) ? query : "");
		if (query != null && !query.isBlank()) {
			model.addAttribute("matches", this.views.search(query));
			this.audit.searched(user.getName(), query.strip());
		}
		return "customers";
	}

	@GetMapping("/customers/{id}")
	String customer(@PathVariable String id, Model model, Authentication user) {
		CustomerHistory view = this.histories.find(id)
			.orElseThrow(() -> new ConsoleErrors.NotFoundException(
					"No customer with id " + id + ". Search by id, name, email or phone on the customers page."));
		this.audit.record(user.getName(), "VIEW_CUSTOMER", view.customer().id(), null);
		List<DocumentView> documents = new ArrayList<>();
		for (Communication communication : view.communicationsNewestFirst()) {
			documents.add(document(communication));
		}
		model.addAttribute("view", view);
		model.addAttribute("documents", documents);
		return "customer";
	}

	private DocumentView document(Communication communication) {
		String path = communication.archivePath();
		if (path == null) {
			return new DocumentView(communication, "none", null, null);
		}
		String extension = DocumentArchive.extension(path);
		if (extension.equals("pdf")) {
			return new DocumentView(communication, "pdf", null, null);
		}
		byte[] bytes = this.views.document(communication).orElse(null);
		if (bytes == null) {
			return new DocumentView(communication, "missing", null, null);
		}
		if (extension.equals("eml")) {
			return new DocumentView(communication, "email", CustomerViews.email(bytes), null);
		}
		if (extension.equals("json")) {
			return new DocumentView(communication, "sms", null, CustomerViews.sms(bytes));
		}
		return new DocumentView(communication, "other", null, null);
	}

	/** The extension of a communication's archived document, as it is given back. */
	private static String extension(Communication communication) {
		String location = communication.archivePath();
		return (location != null) ? DocumentArchive.extension(location) : "";
	}

	@GetMapping("/communications/{id}/document")
	ResponseEntity<byte[]> archived(@PathVariable String id, Authentication user) {
		Communication communication = communication(id);
		byte[] bytes = this.views.document(communication)
			.orElseThrow(
					() -> new ConsoleErrors.NotFoundException("Communication " + id + " has no archived document"));
		this.audit.record(user.getName(), "VIEW_DOCUMENT", communication.customerId(), communication.id().toString());
		String extension = extension(communication);
		MediaType type = switch (extension) {
			case "pdf" -> MediaType.APPLICATION_PDF;
			case "json" -> MediaType.APPLICATION_JSON;
			case "eml" -> new MediaType("message", "rfc822");
			default -> MediaType.APPLICATION_OCTET_STREAM;
		};
		String name = communication.id() + "." + extension;
		return ResponseEntity.ok()
			.contentType(type)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					(extension.equals("pdf") ? "inline" : "attachment") + "; filename=\"" + name + "\"")
			.header("X-Content-Type-Options", "nosniff")
			.body(bytes);
	}

	@GetMapping("/communications/{id}/page.png")
	ResponseEntity<byte[]> firstPage(@PathVariable String id, Authentication user) throws IOException {
		Communication communication = communication(id);
		byte[] bytes = this.views.document(communication)
			.filter((pdf) -> extension(communication).equals("pdf"))
			.orElseThrow(() -> new ConsoleErrors.NotFoundException("Communication " + id + " has no archived PDF"));
		this.audit.record(user.getName(), "VIEW_PAGE_IMAGE", communication.customerId(), communication.id().toString());
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_PNG)
			.cacheControl(CacheControl.noStore())
			.body(PrintProofs.firstPage(bytes, 72));
	}

	@GetMapping("/communications/{id}/email.html")
	ResponseEntity<String> emailHtml(@PathVariable String id, Authentication user) {
		Communication communication = communication(id);
		byte[] bytes = this.views.document(communication)
			.filter((eml) -> extension(communication).equals("eml"))
			.orElseThrow(() -> new ConsoleErrors.NotFoundException("Communication " + id + " is not an email"));
		this.audit.record(user.getName(), "VIEW_EMAIL_HTML", communication.customerId(), communication.id().toString());
		String html = CustomerViews.email(bytes).getHtml();
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			.header("Content-Security-Policy", EMAIL_POLICY)
			.body((html != null) ? html : "");
	}

	private Communication communication(String id) {
		return this.views.communication(id)
			.orElseThrow(() -> new ConsoleErrors.NotFoundException("No communication with id " + id));
	}

	/**
	 * A communication with its document as the page shows it.
	 *
	 * @param communication the ledger row
	 * @param kind {@code pdf}, {@code email}, {@code sms}, {@code none} (not rendered),
	 * {@code missing} (archive file gone, e.g. purged)
	 * @param email the email's parts
	 * @param sms the SMS as archived
	 */
	public record DocumentView(Communication communication, String kind, CustomerViews.@Nullable Email email,
			@Nullable Map<String, Object> sms) {
	}

}
