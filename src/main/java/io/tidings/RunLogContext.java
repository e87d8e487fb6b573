package io.tidings;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Puts what a log line is about into the logging context (SLF4J's MDC) while a job or
 * step runs: {@value #CAMPAIGN} and {@value #RUN_KEY} (the job parameters of that name),
 * {@value #STEP} and, for a partition of a partitioned step, {@value #PARTITION}. Every
 * job and step of the application gets it as a listener, so that a stage added later has
 * it too; the log pattern and the structured formats show these keys. They name a run,
 * never a customer.
 * <p>
 * Threads a step hands work to see the context through {@link #carry(Runnable)} (a
 * {@link org.springframework.core.task.TaskDecorator} for Spring's executors).
 */
@Component
public final class RunLogContext implements BeanPostProcessor, JobExecutionListener, StepExecutionListener, Ordered {

	/** The campaign of the run. */
	public static final String CAMPAIGN = "campaign";

	/** The run key (the as-of date, or a dry run's key). */
	public static final String RUN_KEY = "runKey";

	/** The step (stage) running. */
	public static final String STEP = "step";

	/** The partition of a partitioned step. */
	public static final String PARTITION = "partition";

	private static final List<String> KEYS = List.of(CAMPAIGN, RUN_KEY, STEP, PARTITION);

	/** What each thread's context was before its current job or step, to put back. */
	private static final ThreadLocal<Deque<Map<String, String>>> OUTER = ThreadLocal.withInitial(ArrayDeque::new);

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractJob job) {
			job.registerJobExecutionListener(this);
		}
		else if (bean instanceof AbstractStep step) {
			step.registerStepExecutionListener(this);
		}
		return bean;
	}

	/** First in, last out: the other listeners' lines of a stage carry its context. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		enter(jobExecution.getJobParameters(), null, null);
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		leave();
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		String name = stepExecution.getStepName();
		int colon = name.indexOf(':');
		enter(stepExecution.getJobParameters(), (colon < 0) ? name : name.substring(0, colon),
				(colon < 0) ? null : name.substring(colon + 1));
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		leave();
		return stepExecution.getExitStatus();
	}

	private static void enter(JobParameters parameters, @Nullable String step, @Nullable String partition) {
		OUTER.get().push(current());
		put(CAMPAIGN, parameters.getString(CAMPAIGN));
		put(RUN_KEY, parameters.getString(RUN_KEY));
		put(STEP, step);
		put(PARTITION, partition);
	}

	private static void leave() {
		Deque<Map<String, String>> outer = OUTER.get();
		restore(outer.isEmpty() ? Map.of() : outer.pop());
		if (outer.isEmpty()) {
			OUTER.remove();
		}
	}

	private static void put(String key, @Nullable String value) {
		if (value != null) {
			MDC.put(key, value);
		}
		else {
			MDC.remove(key);
		}
	}

	private static Map<String, String> current() {
		Map<String, String> context = new HashMap<>();
		for (String key : KEYS) {
			String value = MDC.get(key);
			if (value != null) {
				context.put(key, value);
			}
		}
		return context;
	}

	private static void restore(Map<String, String> context) {
		KEYS.forEach((key) -> put(key, context.get(key)));
	}

	/**
	 * The task, run with the context of the thread that hands it over, the thread's own
	 * put back afterwards (pool threads serve one run after another).
	 */
	public static Runnable carry(Runnable task) {
		Map<String, String> context = current();
		return () -> {
			Map<String, String> own = current();
			restore(context);
			try {
				task.run();
			}
			finally {
				restore(own);
			}
		};
	}

}
