/**
 * Runs of campaigns started outside the command's own thread, and what keeps them one at
 * a time: the job files of the jobs folder, their cron schedules and the scheduler that
 * runs them while {@code tidings serve} runs, the launcher of background runs, the
 * per-campaign database lock that {@code tidings run}, "run now" and the scheduler all
 * take, recording in the audit log who started, approved or changed what.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "audit", "campaign" })
@org.jspecify.annotations.NullMarked
package io.tidings.schedule;
