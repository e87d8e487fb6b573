package io.tidings.outbox;

/**
 * What a transport did with a communication.
 *
 * @param state {@link CommunicationState#SENT} or {@link CommunicationState#PRINTED}
 * @param deliveryRef the transport's reference (file path, Message-ID, provider id)
 */
public record DeliveryResult(CommunicationState state, String deliveryRef) {

}
