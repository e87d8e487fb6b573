package io.tidings.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import io.tidings.Failures;
import io.tidings.InvalidInputException;
import io.tidings.TerminalLogFilter;
import io.tidings.TidingsApplication;
import io.tidings.campaign.RunProgress;
import io.tidings.schedule.CampaignRunningException;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Entry point of the {@code tidings} command.
 */
public final class TidingsCommandLine {

	/** Exit code: success. */
	public static final int OK = 0;

	/**
	 * Exit code: the run failed, or did not start while another process runs the
	 * campaign; running the same command again resumes or starts it.
	 */
	public static final int RUN_FAILED = 1;

	/** Exit code: bad input or usage. */
	public static final int BAD_INPUT = 2;

	private static final String LOG_FORMAT = "--log-format";

	private static final List<String> LOG_FORMATS = List.of("ecs", "logstash", "text");

	private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

	private TidingsCommandLine() {
	}

	static {
		// Jakarta Mail 2.1 looks its stream provider up through a ServiceLoader for every
		// message, body part and encoded header it makes (jakartaee/mail-api#861), which
		// in the packaged jar cost a twentieth of the render stage's processor time.
		// Named
		// here, it is loaded by name instead.
		if (System.getProperty(STREAM_PROVIDER) == null) {
			System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

	public static void main(String[] args) {
		Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
			LoggerFactory.getLogger(TerminalLogFilter.TRACES)
				.error("Uncaught failure on thread " + thread.getName(), failure);
			LoggerFactory.getLogger(TidingsCommandLine.class)
				.error("Thread {} stopped: {} (the trace is in the log file)", thread.getName(),
						Failures.place(Failures.rootCause(failure)));
		});
		System.exit(execute(args));
	}

	public static int execute(String[] args) {
		PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
		PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
		CommandLine commandLine = commandLine().setOut(out).setErr(err);
		ParseResult parsed;
		try {
			parsed = commandLine.parseArgs(args);
		}
		catch (ParameterException ex) {
			err.println("error: " + ex.getMessage());
			ex.getCommandLine().usage(err);
			return BAD_INPUT;
		}
		if (CommandLine.printHelpIfRequested(parsed)) {
			return OK;
		}
		if (!parsed.hasSubcommand()) {
			commandLine.usage(err);
			return BAD_INPUT;
		}
		ParseResult subcommand = parsed.subcommand();
		String home = option(parsed, subcommand, "--home");
		String logFormat = option(parsed, subcommand, LOG_FORMAT);
		// a command of commands (tidings audit verify): the last one named runs
		while (subcommand.hasSubcommand()) {
			subcommand = subcommand.subcommand();
			String inner = subcommand.matchedOptionValue("--home", null);
			home = (inner != null) ? inner : home;
			String innerFormat = subcommand.matchedOptionValue(LOG_FORMAT, null);
			logFormat = (innerFormat != null) ? innerFormat : logFormat;
		}
		if (logFormat != null && !LOG_FORMATS.contains(logFormat)) {
			err.println("error: " + LOG_FORMAT + " must be one of " + String.join(", ", LOG_FORMATS) + ", not "
					+ logFormat);
			return BAD_INPUT;
		}
		if (CommandLine.printHelpIfRequested(subcommand)) {
			return OK;
		}
		if (subcommand.commandSpec().userObject() instanceof GenerateCompletion completion) {
			completion.run();
			return OK;
		}
		if (!(subcommand.commandSpec().userObject() instanceof TidingsSubcommand command)) {
			subcommand.commandSpec().commandLine().usage(err);
			return BAD_INPUT;
		}
		if (!command.printsJson()) {
			return execute(command, home, logFormat, out, err);
		}
		PrintStream stdout = System.out;
		System.setOut(System.err);
		try {
			return execute(command, home, logFormat, out, err);
		}
		finally {
			System.setOut(stdout);
		}
	}

	/**
	 * The command tree, with {@code generate-completion} (a bash and zsh completion
	 * script) kept out of the usage help.
	 */
	static CommandLine commandLine() {
		CommandLine commandLine = new CommandLine(new TidingsCommand());
		commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
		return commandLine;
	}

	private static int execute(TidingsSubcommand command, @Nullable String home, @Nullable String logFormat,
			PrintWriter out, PrintWriter err) {
		try (ConfigurableApplicationContext context = boot(home, logFormat, command)) {
			int exitCode = command.showsProgress()
					? CommandProgress.during(context.getBean(RunProgress.class), () -> command.run(context, out))
					: command.run(context, out);
			return (exitCode == RUN_FAILED) ? detailsInTheLog(err) : exitCode;
		}
		catch (CampaignRunningException ex) {
			// nothing was done: no details to look for
			err.println("error: " + ex.getMessage());
			return RUN_FAILED;
		}
		catch (InvalidInputException ex) {
			err.println("error: " + ex.getMessage());
			return BAD_INPUT;
		}
		catch (RuntimeException ex) {
			String setting = invalidSetting(ex);
			if (setting != null) {
				err.println("error: " + setting);
				return BAD_INPUT;
			}
			SQLException lost = databaseFailure(ex);
			if (lost == null) {
				// the message may quote customer data: the trace goes to the log file
				// only
				LoggerFactory.getLogger(TerminalLogFilter.TRACES).error("Unexpected failure", ex);
				err.println("error: unexpected failure (" + Failures.place(Failures.rootCause(ex))
						+ "). What was done is kept: run the same command again to resume it.");
				return detailsInTheLog(err);
			}
			// the statement H2 appends may hold values of customers
			err.println("error: the database failed or cannot be reached ("
					+ String.valueOf(lost.getMessage()).split("; SQL")[0]
					+ "). What was done is kept: run the same command again once the database is back.");
			return detailsInTheLog(err);
		}
	}

	private static int detailsInTheLog(PrintWriter err) {
		String logFile = System.getProperty("LOG_FILE");
		if (logFile != null) {
			err.println("The details are in " + Path.of(logFile).toAbsolutePath().normalize() + ".");
		}
		return RUN_FAILED;
	}

	private static @Nullable SQLException databaseFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				return sql;
			}
		}
		return null;
	}

	/**
	 * Why a setting ({@code tidings.*} property or environment variable) could not be
	 * bound, when that is what stopped the start: the setting's own check says which and
	 * why.
	 */
	static @Nullable String invalidSetting(RuntimeException failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindException bind) {
				if (bind.getCause() instanceof BindValidationException validation) {
					return BrokenConstraints.of(validation.getValidationErrors());
				}
				Throwable reason = bind;
				while (reason.getCause() != null) {
					reason = reason.getCause();
				}
				String why = (reason != bind && reason.getMessage() != null) ? reason.getMessage() : bind.getMessage();
				// a value that could not be converted: its reason names the value only
				String setting = (bind.getProperty() != null) ? bind.getProperty().getName().toString() : null;
				return (setting != null && !why.contains(setting)) ? setting + ": " + why : why;
			}
		}
		return null;
	}

	private static @Nullable String option(ParseResult parsed, ParseResult subcommand, String name) {
		String value = subcommand.matchedOptionValue(name, null);
		return (value != null) ? value : parsed.matchedOptionValue(name, null);
	}

	private static ConfigurableApplicationContext boot(@Nullable String home, @Nullable String logFormat,
			TidingsSubcommand command) {
		boolean web = command.web();
		List<String> arguments = new ArrayList<>();
		if (logFormat != null) {
			arguments.add("--logging.structured.format.console=" + logFormat);
		}
		command.properties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
		String folder = (home != null) ? home : System.getenv("TIDINGS_HOME");
		if (folder != null && !folder.isBlank()) {
			// H2 refuses a database path relative to the working directory
			arguments.add("--tidings.home=" + Path.of(folder).toAbsolutePath().normalize());
		}
		// spring.main.web-application-type in application.properties would win over the
		// builder
		arguments.add("--spring.main.web-application-type=" + (web ? "servlet" : "none"));
		return new SpringApplicationBuilder(TidingsApplication.class)
			.web(web ? WebApplicationType.SERVLET : WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(arguments.toArray(String[]::new));
	}

}
