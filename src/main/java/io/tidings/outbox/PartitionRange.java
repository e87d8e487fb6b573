package io.tidings.outbox;

/**
 * The customers of one partition of a stage, with what they hold for it.
 *
 * @param customers the range of customer ids
 * @param communications how many communications of the stage fall in it
 * @param weight their work for the stage, in {@link StageWork} units
 */
public record PartitionRange(CustomerRange customers, long communications, long weight) {

}
