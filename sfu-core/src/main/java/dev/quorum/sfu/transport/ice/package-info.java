/**
 * ICE-lite state kept apart from sockets and timers: the agent's valid tuples, selection and
 * consent ({@link dev.quorum.sfu.transport.ice.IceLiteAgent}, time passed in), and the checks a
 * Binding request must pass ({@link dev.quorum.sfu.transport.ice.BindingRequestChecker}).
 */
package dev.quorum.sfu.transport.ice;
