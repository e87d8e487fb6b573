package io.tidings.outbox;

import java.time.LocalDate;

/**
 * One marketing contact of a customer in contact history, sent or still planned: what
 * frequency caps count.
 *
 * @param channel the channel
 * @param date the day it was sent, or the day it is planned to drop
 */
public record Contact(Channel channel, LocalDate date) {

}
