package io.tidings.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * What the distribution archive ships besides the jar, written by the build
 * ({@code exec:java} in the {@code package} phase) from the command tree itself: the bash
 * and zsh completion script ({@code completion/tidings.bash}), a man page per command in
 * roff ({@code man/man1/tidings-<command>.1}) and the same pages in picocli's AsciiDoc
 * ({@code man/asciidoc}). No AsciiDoc converter is among the build's dependencies, so the
 * roff is written here from the model picocli's usage help is made of.
 */
public final class ManualPages {

	private ManualPages() {
	}

	/**
	 * @param args the folder to write {@code completion/} and {@code man/} into
	 */
	public static void main(String[] args) throws IOException {
		write(Path.of(args[0]));
	}

	static void write(Path folder) throws IOException {
		CommandLine tidings = TidingsCommandLine.commandLine();
		Path completion = Files.createDirectories(folder.resolve("completion"));
		Files.writeString(completion.resolve("tidings.bash"), AutoComplete.bash("tidings", tidings));
		Path man = Files.createDirectories(folder.resolve("man/man1"));
		for (CommandLine command : commands(tidings)) {
			Files.writeString(man.resolve(pageName(command.getCommandSpec()) + ".1"), roff(command.getCommandSpec()));
		}
		Path asciidoc = Files.createDirectories(folder.resolve("man/asciidoc"));
		int status = ManPageGenerator.generateManPage(asciidoc.toFile(), null, new boolean[0], false,
				tidings.getCommandSpec());
		if (status != 0) {
			throw new IOException("picocli's ManPageGenerator failed with status " + status);
		}
	}

	/** Every command of the tree that its usage help shows, the root first. */
	static List<CommandLine> commands(CommandLine root) {
		List<CommandLine> commands = new ArrayList<>(List.of(root));
		root.getSubcommands()
			.values()
			.stream()
			.distinct()
			.filter(sub -> !sub.getCommandSpec().usageMessage().hidden())
			.forEach(sub -> commands.addAll(commands(sub)));
		return commands;
	}

	/** tidings, tidings-run, tidings-audit-verify. */
	static String pageName(CommandSpec spec) {
		return spec.qualifiedName("-");
	}

	static String roff(CommandSpec spec) {
		Help help = new Help(spec, Help.defaultColorScheme(Ansi.OFF));
		String version = spec.root().version()[0].replaceFirst(" \\(.*", "");
		StringBuilder page = new StringBuilder();
		page.append(".TH ")
			.append(quoted(pageName(spec).toUpperCase(Locale.ROOT)))
			.append(" 1 \"\" ")
			.append(quoted(version))
			.append(" \"Tidings Manual\"\n");
		page.append(".SH NAME\n").append(text(pageName(spec))).append(" \\- ").append(text(summary(spec))).append('\n');
		page.append(".SH SYNOPSIS\n.nf\n").append(text(help.synopsis(0).stripTrailing())).append("\n.fi\n");
		page.append(".SH DESCRIPTION\n").append(text(formatted(spec.usageMessage().description()))).append('\n');
		List<PositionalParamSpec> parameters = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
		if (!parameters.isEmpty()) {
			page.append(".SH ARGUMENTS\n");
			parameters.forEach(parameter -> item(page, "\\fI" + text(parameter.paramLabel()) + "\\fR", parameter));
		}
		List<OptionSpec> options = spec.options().stream().filter(option -> !option.hidden()).toList();
		if (!options.isEmpty()) {
			page.append(".SH OPTIONS\n");
			options.forEach(option -> item(page, optionNames(option), option));
		}
		List<CommandSpec> subcommands = spec.subcommands()
			.values()
			.stream()
			.map(CommandLine::getCommandSpec)
			.distinct()
			.filter(sub -> !sub.usageMessage().hidden())
			.toList();
		if (!subcommands.isEmpty()) {
			page.append(".SH COMMANDS\n");
			subcommands.forEach(sub -> page.append(".TP\n\\fB")
				.append(text(sub.name()))
				.append("\\fR\n")
				.append(text(summary(sub)))
				.append(". See \\fB")
				.append(text(pageName(sub)))
				.append("\\fR(1).\n"));
		}
		String footer = formatted(spec.root().usageMessage().footer()).strip();
		if (!footer.isEmpty()) {
			page.append(".SH EXIT STATUS\n").append(text(footer)).append('\n');
		}
		if (spec.parent() != null) {
			page.append(".SH SEE ALSO\n\\fB").append(text(pageName(spec.parent()))).append("\\fR(1)\n");
		}
		return page.toString();
	}

	private static void item(StringBuilder page, String term, ArgSpec arg) {
		page.append(".TP\n").append(term).append('\n').append(text(formatted(arg.description()))).append('\n');
	}

	private static String optionNames(OptionSpec option) {
		String names = Arrays.stream(option.names())
			.map(name -> "\\fB" + text(name) + "\\fR")
			.collect(Collectors.joining(", "));
		return option.typeInfo().isBoolean() ? names : names + "=\\fI" + text(option.paramLabel()) + "\\fR";
	}

	/** The first sentence of the description. */
	private static String summary(CommandSpec spec) {
		String description = formatted(spec.usageMessage().description());
		int end = description.indexOf(". ");
		return (end < 0) ? description.replaceFirst("\\.$", "") : description.substring(0, end);
	}

	/** Lines of usage help as picocli shows them ({@code %%} is a per cent sign). */
	private static String formatted(String[] lines) {
		return Arrays.stream(lines).map(line -> String.format(Locale.ROOT, line)).collect(Collectors.joining(" "));
	}

	/** Text as roff shows it as is: no escapes, requests or hyphenation points. */
	private static String text(String text) {
		String escaped = text.replace("\\", "\\e").replace("-", "\\-");
		return escaped.lines()
			.map(line -> (line.startsWith(".") || line.startsWith("'")) ? "\\&" + line : line)
			.collect(Collectors.joining("\n"));
	}

	private static String quoted(String text) {
		return "\"" + text(text).replace("\"", "\\(dq") + "\"";
	}

}
