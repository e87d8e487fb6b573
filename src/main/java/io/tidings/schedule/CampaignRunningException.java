package io.tidings.schedule;

/**
 * A campaign was not started because a run of it holds its lock, in this process or
 * another: nothing was done, and the same start succeeds once that run has ended.
 */
public class CampaignRunningException extends RuntimeException {

	CampaignRunningException(String campaign, String holder) {
		super("campaign " + campaign + " is already running: its lock is held by " + holder
				+ ". Nothing was started; run the same command again once that run has ended "
				+ "(the lock of a process that died is freed after tidings.scheduler.lock-ttl).");
	}

}
