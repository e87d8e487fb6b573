/**
 * Contact policy: which channel reaches a customer for each kind of document, from the
 * document's legal status, the customer's consents and reachability.
 */
@org.jspecify.annotations.NullMarked
package io.tidings.policy;
