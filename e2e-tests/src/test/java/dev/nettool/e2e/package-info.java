/**
 * End-to-end tests: the built {@code nettool.jar} as a subprocess against real peers (nc, socat, node,
 * python3), plus the small harness that starts, reads and stops them. No product class is imported.
 */
package dev.nettool.e2e;
